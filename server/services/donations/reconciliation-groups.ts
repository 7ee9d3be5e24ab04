// The groups of 对账 (per activity, per village, per donor): which donations each holds, in the
// order of each group's first donation received, a page of them at a time, and each group of a
// page with its label, its figures, its counts and the ways to its households.

import type {
  TReconciliationGroup,
  TReconciliationGrouping,
  TReconciliationGroups,
  TReconciliationScope,
} from '../../../common/contracts/donation/donation-reconciliation'
import type { ServiceContext } from '../service-context'
import { subtractFigures } from './reconciliation-figures'
import { activityKey, donorKey, NO_SUMS, type Sums } from './reconciliation-sums'

/** A donation in scope, as little of it as its groups need. */
export type ScopedDonation = {
  id: string
  activityId: string | null
  villageId: string
  donorOrgId: string | null
  donorName: string
}

export const keyOf: Record<TReconciliationGrouping, (d: ScopedDonation) => string> = {
  activity: (d) => activityKey(d.activityId),
  village: (d) => d.villageId,
  donor: (d) => donorKey(d.donorOrgId, d.donorName),
}

/** Each group's first donation, in the order of the donations (by date received). */
const firstsOf = (donations: ScopedDonation[], by: TReconciliationGrouping) => {
  const firsts = new Map<string, { first: ScopedDonation; donationCount: number }>()
  for (const d of donations) {
    const key = keyOf[by](d)
    const held = firsts.get(key)
    if (held) held.donationCount++
    else firsts.set(key, { first: d, donationCount: 1 })
  }
  return firsts
}

export type GroupPage = {
  by: TReconciliationGrouping
  keys: string[]
  nextCursor: string | null
  count: number
  firsts: ReturnType<typeof firstsOf>
}

/** The keys of one page of groups, after the group keyed `cursor` (from the first without one). */
export const groupPage = (
  donations: ScopedDonation[],
  by: TReconciliationGrouping,
  page: { cursor?: string | null; limit: number },
): GroupPage => {
  const firsts = firstsOf(donations, by)
  const all = [...firsts.keys()]
  const from = page.cursor === null || page.cursor === undefined ? 0 : all.indexOf(page.cursor) + 1
  const keys = all.slice(from, from + page.limit)
  const more = from + page.limit < all.length
  return { by, keys, nextCursor: more ? (keys[keys.length - 1] ?? null) : null, count: all.length, firsts }
}

/** The names of the activities and villages of the pages. */
export const groupLabels = async (ctx: ServiceContext, pages: GroupPage[]) => {
  const ids = (by: TReconciliationGrouping) => pages.flatMap((p) => (p.by === by ? p.keys.filter(Boolean) : []))
  const [activities, villages] = await Promise.all([
    ids('activity').length
      ? ctx.db.activity.findMany({ where: { id: { in: ids('activity') } }, select: { id: true, theme: true } })
      : [],
    ids('village').length
      ? ctx.db.village.findMany({ where: { id: { in: ids('village') } }, select: { id: true, name: true } })
      : [],
  ])
  return {
    activity: new Map(activities.map((a) => [a.id, a.theme])),
    village: new Map(villages.map((v) => [v.id, v.name])),
  }
}

type Labels = Awaited<ReturnType<typeof groupLabels>>

const describe = (
  by: TReconciliationGrouping,
  first: ScopedDonation,
  labels: Labels,
  narrowed: TReconciliationScope,
) => {
  if (by === 'activity')
    return first.activityId
      ? {
          label: labels.activity.get(first.activityId) ?? '',
          scope: { ...narrowed, activityId: first.activityId },
          handoverFilter: { activityId: first.activityId },
        }
      : { label: '未关联活动', scope: null, handoverFilter: null }
  if (by === 'village')
    return {
      label: labels.village.get(first.villageId) ?? '',
      scope: { ...narrowed, villageId: first.villageId },
      handoverFilter: { villageId: first.villageId },
    }
  return {
    label: first.donorName,
    scope: first.donorOrgId ? { ...narrowed, donorOrgId: first.donorOrgId } : null,
    handoverFilter: null,
  }
}

/** The page's groups, each with its figures (`sums`, by key) and the request narrowed to it. */
export const groupsOf = (
  page: GroupPage,
  sums: Map<string, Sums>,
  labels: Labels,
  narrowed: TReconciliationScope,
): TReconciliationGroups => ({
  items: page.keys.map((key): TReconciliationGroup => {
    const { first, donationCount } = page.firsts.get(key) as { first: ScopedDonation; donationCount: number }
    const { received, handedOver, handoverCount, recipientCount } = sums.get(key) ?? NO_SUMS
    return {
      key,
      ...describe(page.by, first, labels, narrowed),
      received,
      handedOver,
      balance: subtractFigures(received, handedOver),
      handoverCount,
      recipientCount,
      donationCount,
    }
  }),
  nextCursor: page.nextCursor,
  count: page.count,
})
