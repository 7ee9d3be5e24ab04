// A resident cadre (驻村干部) of one village (village.people); asks for the village first.
import { useVillagePeople } from '../../lib/use-village-people'
import { SelectField } from '../SelectField'

type Props = {
  villageId: string | null
  value: string | null
  onChange: (cadreUserId: string) => void
  /** Each name with the cadre's post: 李振华（第一书记）. */
  withPost?: boolean
  placeholder?: string
  testId?: string
}

export const CadreSelect = ({ villageId, value, onChange, withPost = false, placeholder, testId }: Props) => {
  const { cadres } = useVillagePeople(villageId)
  return (
    <SelectField
      options={cadres.map((c) => ({
        value: c.id,
        label: withPost ? `${c.displayName}（${c.post}）` : c.displayName,
      }))}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? (villageId ? '选择驻村干部' : '请先选择村')}
      testId={testId}
    />
  )
}
