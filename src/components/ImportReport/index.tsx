// A spreadsheet import's dry run, as its page shows it: the file and what its rows come to, the
// problems one cell each (错误 that stop the import, 疑点 to check), each naming its sheet, row
// and column in Chinese, and 确认导入, which only a file without errors may take.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

type Issue = { code: string; text: string }

const ImportIssues = ({ title, issues, testId }: { title: string; issues: readonly Issue[]; testId: string }) =>
  issues.length ? (
    <View className="section" data-testid={testId}>
      <View className="section__title">{title}</View>
      {/* One issue per cell and code: the text is unique. */}
      {issues.map((issue) => (
        <Cell key={`${issue.code}:${issue.text}`} title={issue.text} />
      ))}
    </View>
  ) : null

type Props = {
  fileName: string | undefined
  /** What the rows come to, and how many errors and 疑点. */
  summary: string
  report: { isTruncated: boolean; errors: readonly Issue[]; warnings: readonly Issue[] }
  canCommit: boolean
  isBusy: boolean
  /** 确认导入 3 户 */
  commitLabel: string
  onCommit: () => void
}

export const ImportReport = ({ fileName, summary, report, canCommit, isBusy, commitLabel, onCommit }: Props) => (
  <>
    <View className="section" data-testid="import-summary">
      <View className="section__title">{fileName ?? '预检结果'}</View>
      <View className="section__body">
        <Text>{summary}</Text>
        {report.isTruncated ? <Text className="muted">（问题较多，只列出前 500 条）</Text> : null}
      </View>
    </View>
    <ImportIssues title="错误（须修改后重新上传）" issues={report.errors} testId="import-errors" />
    <ImportIssues title="疑点（不影响导入，请核对）" issues={report.warnings} testId="import-warnings" />
    <View className="actions">
      <Button type="primary" disabled={!canCommit || isBusy} loading={isBusy} onClick={onCommit}>
        {canCommit ? commitLabel : '有错误，不能导入'}
      </Button>
    </View>
  </>
)
