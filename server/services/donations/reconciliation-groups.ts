// The groups of 对账 (per activity, per village, per donor), a page at a time as
// reconciliation-pages.ts cuts them, each with its label, its figures, its counts and the ways to
// its households.

import type {
  TReconciliationGroup,
  TReconciliationGrouping,
  TReconciliationGroups,
  TReconciliationScope,
} from '../../../common/contracts/donation/donation-reconciliation'
import { subtractFigures } from './reconciliation-figures'
import type { GroupEntry, GroupPage } from './reconciliation-pages'
import { NO_SUMS, type Sums } from './reconciliation-sums'

const describe = (by: TReconciliationGrouping, { first, label }: GroupEntry, narrowed: TReconciliationScope) => {
  if (by === 'activity')
    return first.activityId
      ? {
          label,
          scope: { ...narrowed, activityId: first.activityId },
          handoverFilter: { activityId: first.activityId },
        }
      : { label: '未关联活动', scope: null, handoverFilter: null }
  if (by === 'village')
    return {
      label,
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
  narrowed: TReconciliationScope,
): TReconciliationGroups => ({
  items: page.keys.map((key): TReconciliationGroup => {
    const entry = page.groups.get(key) as GroupEntry
    const { received, handedOver, handoverCount, recipientCount } = sums.get(key) ?? NO_SUMS
    return {
      key,
      ...describe(page.by, entry, narrowed),
      received,
      handedOver,
      balance: subtractFigures(received, handedOver),
      handoverCount,
      recipientCount,
      donationCount: entry.donationCount,
    }
  }),
  nextCursor: page.nextCursor,
  count: page.count,
})
