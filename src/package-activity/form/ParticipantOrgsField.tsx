// 参加单位: the orgs taking part besides the organiser, found by name among every open org (律师
// finds the law firms' branches), chosen one by one or all that a search shows.
import { FormField } from '../../components/FormField'
import { OrgPicker } from '../../components/OrgPicker'

type Props = {
  organiserOrgId: string | null
  value: string[]
  onChange: (orgIds: string[]) => void
  error?: string
}

export const ParticipantOrgsField = ({ organiserOrgId, value, onChange, error }: Props) => (
  <FormField label={`参加单位（已选 ${value.length} 个）`} error={error}>
    <OrgPicker
      multiple
      value={value}
      // The organiser takes part as it is; it is not listed twice.
      onChange={(ids) => onChange(ids.filter((id) => id !== organiserOrgId))}
      prompt="搜索添加参加单位"
      testId="participantOrgIds"
    />
  </FormField>
)
