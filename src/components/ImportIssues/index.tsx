// A spreadsheet import's dry-run problems, one cell each, headed by what they are (错误 that stop
// the import, 疑点 to check), each naming its sheet, row and column in Chinese.
import { Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

type Issue = { code: string; text: string }

export const ImportIssues = ({ title, issues, testId }: { title: string; issues: readonly Issue[]; testId: string }) =>
  issues.length ? (
    <View className="section" data-testid={testId}>
      <View className="section__title">{title}</View>
      {/* One issue per cell and code: the text is unique. */}
      {issues.map((issue) => (
        <Cell key={`${issue.code}:${issue.text}`} title={issue.text} />
      ))}
    </View>
  ) : null
