// One org, or several, found by typing part of its name: any open org of the province online
// (org.list), the copy kept on the phone with no signal. Each shows its kind and the org above it.
import { useQuery } from '@tanstack/react-query'
import type { OrgKind } from '../../../common/enums'
import { readOrgCopy } from '../../lib/pickers/offline-copies'
import { type PickerOption, recentPicks } from '../../lib/pickers/recent-picks'
import { useChoices } from '../../lib/pickers/use-choices'
import { orgOption, useOrgPicker } from '../../lib/pickers/use-org-picker'
import { useTRPC } from '../../lib/trpc'
import { IdSearchPicker, type IdSelection, selectedIds } from '../IdSearchPicker'

/** The chosen orgs as the picker shows them: from what the phone knows, or else the server. */
const useChosen = (ids: readonly string[], picked: ReadonlyMap<string, PickerOption>): PickerOption[] => {
  const trpc = useTRPC()
  const recent = recentPicks('org')
  const copy = readOrgCopy()
  const knownOf = (id: string) =>
    picked.get(id) ??
    recent.find((o) => o.id === id) ??
    (() => {
      const row = copy?.rows.find((o) => o.id === id)
      return row ? orgOption(row) : undefined
    })()
  const unknown = ids.filter((id) => !knownOf(id))
  const fetched = useQuery({
    ...trpc.org.list.queryOptions({ ids: unknown, limit: 100 }),
    enabled: unknown.length > 0,
  })
  return ids.map((id) => {
    const known = knownOf(id)
    if (known) return known
    const row = fetched.data?.items.find((o) => o.id === id)
    return row ? orgOption(row) : { id, title: '…', detail: '' }
  })
}

type Common = {
  testId: string
  prompt?: string
  kinds?: readonly OrgKind[]
  isOrganisable?: boolean
  startsOpen?: boolean
  onClose?: () => void
}

type Props = Common & IdSelection

export const OrgPicker = ({
  testId,
  prompt = '搜索选择组织',
  kinds,
  isOrganisable,
  startsOpen,
  onClose,
  ...selection
}: Props) => {
  const picker = useOrgPicker({ kinds, isOrganisable })
  const choices = useChoices('org')
  const chosen = useChosen(selectedIds(selection), choices.picked)
  return (
    <IdSearchPicker
      testId={testId}
      unit="个组织"
      prompt={prompt}
      searchPlaceholder="组织名称的一部分，如 律师"
      startsOpen={startsOpen}
      onClose={onClose}
      {...picker}
      selection={selection}
      chosen={chosen}
      choices={choices}
    />
  )
}
