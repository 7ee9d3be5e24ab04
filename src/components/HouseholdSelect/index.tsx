// A household of one village (household.list, its first 100), as 户主（户编号）; asks for the
// village first.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../../lib/trpc'
import { SelectField } from '../SelectField'

type Props = {
  villageId: string | null
  value: string | null
  onChange: (householdId: string) => void
  placeholder?: string
  testId?: string
}

export const HouseholdSelect = ({ villageId, value, onChange, placeholder, testId }: Props) => {
  const trpc = useTRPC()
  const households = useQuery({
    ...trpc.household.list.queryOptions({ villageId: villageId ?? undefined, limit: 100 }),
    enabled: Boolean(villageId),
  })
  return (
    <SelectField
      options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.headName}（${h.code}）` }))}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? (villageId ? '选择困难户' : '请先选择村')}
      testId={testId}
    />
  )
}
