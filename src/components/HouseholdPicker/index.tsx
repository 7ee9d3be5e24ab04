// A household of one village (or of every village the person reaches), found by typing part of the
// 户主 name, the 户编号 or the 所在组, or a full ID number; online through household.search, with
// no signal in the village's copy kept on the phone. The choice shows its 户编号 and 所在组.
import { useQuery } from '@tanstack/react-query'
import { readVillageCopy } from '../../lib/pickers/offline-copies'
import { type PickerOption, recentPicks } from '../../lib/pickers/recent-picks'
import { useChoices } from '../../lib/pickers/use-choices'
import { householdOption, useHouseholdPicker } from '../../lib/pickers/use-household-picker'
import { useTRPC } from '../../lib/trpc'
import { SearchPicker } from '../SearchPicker'

type Props = {
  /** null with `isVillageRequired`: the picker waits for a village (请先选择村). */
  villageId: string | null
  isVillageRequired?: boolean
  value: string | null
  onChange: (householdId: string) => void
  testId?: string
}

/** The chosen household as the picker shows it, from what the phone knows, or else the server. */
const useChosen = (villageId: string | null, value: string | null, picked: ReadonlyMap<string, PickerOption>) => {
  const trpc = useTRPC()
  const known =
    (value ? picked.get(value) : undefined) ??
    recentPicks('household').find((o) => o.id === value) ??
    (() => {
      const row = villageId ? readVillageCopy(villageId)?.rows.find((h) => h.id === value) : undefined
      return row ? householdOption(row, villageId ?? undefined) : null
    })()
  const fetched = useQuery({
    ...trpc.household.byId.queryOptions({ id: value ?? '' }),
    enabled: Boolean(value) && !known,
  })
  if (!value) return null
  if (known) return known
  return fetched.data ? householdOption(fetched.data, fetched.data.village.id) : { id: value, title: '…', detail: '' }
}

export const HouseholdPicker = ({
  villageId,
  isVillageRequired = true,
  value,
  onChange,
  testId = 'householdId',
}: Props) => {
  const picker = useHouseholdPicker({ villageId })
  const choices = useChoices('household')
  const chosen = useChosen(villageId, value, choices.picked)
  return (
    <SearchPicker
      testId={testId}
      unit="户"
      prompt="搜索选择困难户"
      searchPlaceholder="姓名、户编号、组或身份证号"
      blockedText={isVillageRequired && !villageId ? '请先选择村' : null}
      value={chosen}
      onChange={(option) => choices.chooseOne(option, onChange)}
      {...picker}
    />
  )
}
