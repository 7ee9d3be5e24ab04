// 缺席人员及原因: one row per absentee, a name and a reason; as many as 应到 less 实到 (the
// schema says so on saving).
import { Input, Text, View } from '@tarojs/components'
import { FormField } from '../../components/FormField'
import { NO_LENGTH_LIMIT } from '../../components/TextField'
import { rowsOf } from '../../lib/form-rows'

export type Absence = { name: string; reason: string }

type Props = { absences: Absence[]; onChange: (absences: Absence[]) => void; absentCount: number; error?: string }

export const AbsencesField = ({ absences, onChange, absentCount, error }: Props) => {
  const rows = rowsOf(absences, onChange)
  return (
    <FormField label={`缺席人员及原因（应填 ${absentCount} 位）`} error={error}>
      {absences.map((absence, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
        <View key={`absence-${i}`} className="row">
          <Input
            className="form-input"
            placeholder="姓名"
            maxlength={NO_LENGTH_LIMIT}
            value={absence.name}
            onInput={(e) => rows.patch(i, { name: e.detail.value })}
          />
          <Input
            className="form-input"
            placeholder="缺席原因"
            maxlength={NO_LENGTH_LIMIT}
            value={absence.reason}
            onInput={(e) => rows.patch(i, { reason: e.detail.value })}
          />
          <Text className="link link--danger" onClick={() => rows.remove(i)}>
            删除
          </Text>
        </View>
      ))}
      <Text className="link" onClick={() => rows.add({ name: '', reason: '' })}>
        + 添加缺席人员
      </Text>
    </FormField>
  )
}
