// Which village a record is for: the villages the person works in (village.list), named with their
// township, 良教乡前跃村.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../../lib/trpc'
import { SelectField } from '../SelectField'

type Props = {
  value: string | null
  onChange: (villageId: string) => void
  placeholder?: string
  testId?: string
}

export const VillageSelect = ({ value, onChange, placeholder, testId }: Props) => {
  const trpc = useTRPC()
  const villages = useQuery(trpc.village.list.queryOptions())
  return (
    <SelectField
      options={(villages.data ?? []).map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      testId={testId}
    />
  )
}

type InVillage = { villageId: string | null; householdId: string | null; cadreUserId: string | null }

/** A household or a cadre is of one village: choosing another village clears them. */
export const inVillage =
  (villageId: string) =>
  <T extends InVillage>(values: T): T => ({ ...values, villageId, householdId: null, cadreUserId: null })
