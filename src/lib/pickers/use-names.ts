// Names of the orgs and households that records kept on the phone refer to by id (a queued
// donation's donor, a queued visit's household): from the copies the pickers keep, so that they
// show with no signal, and from the server for any the copies lack.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../trpc'
import { readOrgCopy, readVillageCopy, useCopiesVersion } from './offline-copies'

/** id → name of each org asked for that the phone or the server knows. */
export const useOrgNames = (ids: readonly string[]): ReadonlyMap<string, string> => {
  const trpc = useTRPC()
  useCopiesVersion()
  const wanted = [...new Set(ids)]
  const copy = readOrgCopy()
  const names = new Map((copy?.rows ?? []).filter((o) => wanted.includes(o.id)).map((o) => [o.id, o.name] as const))
  const missing = wanted.filter((id) => !names.has(id))
  const fetched = useQuery({
    ...trpc.org.list.queryOptions({ ids: missing.slice(0, 100), limit: 100 }),
    enabled: missing.length > 0,
  })
  for (const org of fetched.data?.items ?? []) names.set(org.id, org.name)
  return names
}

/** 马德林（QY-001） for a household of the village, from the phone's copy or the server. */
export const useHouseholdLabel = (villageId: string, householdId: string | null): string | null => {
  const trpc = useTRPC()
  useCopiesVersion()
  const row = householdId ? readVillageCopy(villageId)?.rows.find((h) => h.id === householdId) : undefined
  const fetched = useQuery({
    ...trpc.household.byId.queryOptions({ id: householdId ?? '' }),
    enabled: Boolean(householdId) && !row,
  })
  const household = row ?? fetched.data
  return household ? `${household.headName}（${household.code}）` : null
}
