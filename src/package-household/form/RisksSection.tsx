// 致贫返贫风险: up to five, each with the month it was identified and, once eliminated, the month
// and the way it was.
import { Button, Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { RISK_CODE_LABELS, RISK_ELIMINATION_METHOD_LABELS } from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { optionsOf } from '../../components/SelectField'
import { rowsOf } from '../../lib/form-rows'
import type { FieldErrors } from '../../lib/validate'
import { newRisk, type Risk } from './household-values'

const MAX_RISKS = 5

/** "2024-06" ↔ "202406": the national system writes months as YYYYMM. */
const toYearMonth = (month: string) => month.replace('-', '')
const fromYearMonth = (ym: string) => (ym.length === 6 ? `${ym.slice(0, 4)}-${ym.slice(4)}` : '')

const MonthField = ({ value, onChange }: { value: string; onChange: (yearMonth: string) => void }) => (
  <DateField
    fields="month"
    value={fromYearMonth(value)}
    onChange={(month) => onChange(toYearMonth(month))}
    placeholder="选择月份"
  />
)

type Props = { risks: Risk[]; onChange: (risks: Risk[]) => void; errors: FieldErrors }

export const RisksSection = ({ risks, onChange, errors }: Props) => {
  const rows = rowsOf(risks, onChange, { errors, path: 'risks' })
  return (
    <View className="section">
      <View className="section__title">{`致贫返贫风险（${risks.length}/${MAX_RISKS}）`}</View>
      {errors.risks ? <View className="field-error">{errors.risks}</View> : null}
      {risks.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
        <View key={`risk-${i}`} className="need-editor">
          <ChoiceField
            label={`风险 ${i + 1}`}
            required
            options={optionsOf(RISK_CODE_LABELS)}
            {...rows.field(i, 'code')}
          />
          <FormField label="识别时间" required error={rows.errorOf(i, 'identifiedMonth')}>
            <MonthField {...rows.field(i, 'identifiedMonth')} />
          </FormField>
          <FormField label="风险已消除">
            <Switch checked={r.isEliminated} onChange={(isEliminated) => rows.patch(i, { isEliminated })} />
          </FormField>
          {r.isEliminated ? (
            <>
              <FormField label="消除时间" required error={rows.errorOf(i, 'eliminatedMonth')}>
                <MonthField {...rows.field(i, 'eliminatedMonth')} />
              </FormField>
              <ChoiceField
                label="消除方式"
                required
                options={optionsOf(RISK_ELIMINATION_METHOD_LABELS)}
                {...rows.field(i, 'eliminationMethod')}
              />
            </>
          ) : null}
          <Text className="link link--danger" onClick={() => rows.remove(i)}>
            删除这项风险
          </Text>
        </View>
      ))}
      {risks.length < MAX_RISKS ? (
        <View className="actions">
          <Button size="small" fill="outline" onClick={() => rows.add(newRisk())}>
            + 添加风险
          </Button>
        </View>
      ) : null}
    </View>
  )
}
