// The record as the server has it now, for 处理冲突, in the update's shape (record-specs.ts).
// One query per kind of record, only the one asked for enabled: each keeps its own typed
// `byId`, and its cache is the one the detail pages and the queue's invalidation use.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../../lib/trpc'
import { type ConflictRouter, toServerRecord } from './record-specs'

export const useServerRecord = (router: ConflictRouter, id: string) => {
  const trpc = useTRPC()
  // Always fetched afresh: the merge must be against the version the server holds now.
  const fresh = { staleTime: 0, refetchOnMount: 'always' } as const
  const queries = {
    activity: useQuery({
      ...trpc.activity.byId.queryOptions({ id }),
      ...fresh,
      enabled: router === 'activity',
      select: toServerRecord.activity,
    }),
    visit: useQuery({
      ...trpc.visit.byId.queryOptions({ id }),
      ...fresh,
      enabled: router === 'visit',
      select: toServerRecord.visit,
    }),
    donation: useQuery({
      ...trpc.donation.byId.queryOptions({ id }),
      ...fresh,
      enabled: router === 'donation',
      select: toServerRecord.donation,
    }),
    household: useQuery({
      ...trpc.household.byId.queryOptions({ id }),
      ...fresh,
      enabled: router === 'household',
      select: toServerRecord.household,
    }),
    need: useQuery({
      ...trpc.need.byId.queryOptions({ id }),
      ...fresh,
      enabled: router === 'need',
      select: toServerRecord.need,
    }),
  }
  return queries[router]
}
