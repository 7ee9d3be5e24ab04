// 群众诉求 on a visit: the needs the household raised, each becoming a need when the visit is saved.
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { blankNeed, type NeedDraft, NeedFields } from '../../components/NeedFields'
import { rowsOf } from '../../lib/form-rows'
import type { FieldErrors } from '../../lib/validate'

type Props = { needs: NeedDraft[]; onChange: (needs: NeedDraft[]) => void; errors: FieldErrors }

export const RaisedNeedsSection = ({ needs, onChange, errors }: Props) => {
  const rows = rowsOf(needs, onChange)
  return (
    <View className="section">
      <View className="section__title">群众诉求</View>
      {needs.map((need, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
        <View key={`need-${i}`} className="need-editor">
          <NeedFields
            need={need}
            onChange={(change) => rows.patch(i, change)}
            errors={errors}
            errorPrefix={`needs.${i}`}
            categoryLabel={`诉求 ${i + 1} · 类别`}
            dueOnLabel="期望办结日期"
          />
          <Text className="link link--danger" onClick={() => rows.remove(i)}>
            删除这条诉求
          </Text>
        </View>
      ))}
      <View className="actions">
        <Button size="small" fill="outline" onClick={() => rows.add(blankNeed())}>
          + 记录一条诉求
        </Button>
      </View>
    </View>
  )
}
