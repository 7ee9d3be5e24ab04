// 家庭成员: one block per member, as the national 防返贫 system records them (与户主关系, 健康状况,
// 劳动能力, 在校生状况, 务工信息). Health is personal data, stored encrypted.
import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import {
  HEALTH_STATUS_LABELS,
  LABOR_CAPACITY_LABELS,
  RELATIONSHIP_LABELS,
  SCHOOL_STATUS_LABELS,
} from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { FormField } from '../../components/FormField'
import { optionsOf, SelectField } from '../../components/SelectField'
import { NO_LENGTH_LIMIT, TextField } from '../../components/TextField'
import { rowsOf } from '../../lib/form-rows'
import type { FieldErrors } from '../../lib/validate'
import { type Member, newMember } from './household-values'

type Props = { members: Member[]; onChange: (members: Member[]) => void; errors: FieldErrors }

export const MembersSection = ({ members, onChange, errors }: Props) => {
  const rows = rowsOf(members, onChange, { errors, path: 'members' })
  return (
    <View className="section">
      <View className="section__title">{`家庭成员（${members.length}）`}</View>
      {errors.members ? <View className="field-error">{errors.members}</View> : null}
      {members.map((m, i) => (
        <View key={m.id ?? `new-${i}`} className="need-editor">
          <TextField label={`成员 ${i + 1} · 姓名`} required {...rows.field(i, 'name')} />
          <ChoiceField
            label="与户主关系"
            required
            options={optionsOf(RELATIONSHIP_LABELS)}
            {...rows.field(i, 'relationship')}
          />
          <TextField
            label="身份证号码"
            hint={m.idNumberMasked ? `现为 ${m.idNumberMasked}，不改请留空` : ''}
            {...rows.field(i, 'idNumber')}
          />
          <FormField
            label="健康状况"
            required
            error={errors[`members.${i}.health`] ?? errors[`members.${i}.health.status`]}
          >
            <SelectField
              options={optionsOf(HEALTH_STATUS_LABELS)}
              value={m.healthStatus}
              onChange={(healthStatus) => rows.patch(i, { healthStatus })}
            />
            <Input
              className="form-input"
              placeholder="病情或残疾情况说明"
              maxlength={NO_LENGTH_LIMIT}
              value={m.healthDetail}
              onInput={(e) => rows.patch(i, { healthDetail: e.detail.value })}
            />
          </FormField>
          <ChoiceField
            label="劳动能力"
            options={optionsOf(LABOR_CAPACITY_LABELS)}
            {...rows.field(i, 'laborCapacity')}
          />
          <ChoiceField
            label="在校生状况"
            options={optionsOf(SCHOOL_STATUS_LABELS)}
            {...rows.field(i, 'schoolStatus')}
          />
          <TextField label="务工信息" {...rows.field(i, 'workInfo')} />
          <Text className="link link--danger" onClick={() => rows.remove(i)}>
            删除这位成员
          </Text>
        </View>
      ))}
      <View className="actions">
        <Button size="small" fill="outline" onClick={() => rows.add(newMember('SPOUSE'))}>
          + 添加家庭成员
        </Button>
      </View>
    </View>
  )
}
