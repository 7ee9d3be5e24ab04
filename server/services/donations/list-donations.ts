// The 捐赠台账: every donation in scope, newest first, with the totals of everything the filter
// matches (not just the page), from the same aggregation as stats.summary.

import type { TListDonationsRequest } from '../../../common/contracts/donation/list-donations'
import { dateOnlyToDate } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import { findPage, JOINED_RELATIONS, runAll } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { withoutHiddenHouseholds } from '../households/visible-households'
import { donationScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { sumDonations } from '../stats/totals'
import { donationSelect, toDonationView } from './donation-views'

export const listDonations = async ({ ctx, input }: { ctx: ServiceContext; input: TListDonationsRequest }) => {
  const filter: Prisma.DonationWhereInput = {
    AND: [
      donationScope(ctx.actor),
      input.activityId ? { activityId: input.activityId } : {},
      input.villageId ? { villageId: input.villageId } : {},
      input.householdId ? { householdId: input.householdId } : {},
      input.donorOrgId ? { donorOrgId: input.donorOrgId } : {},
      input.kind ? { kind: input.kind } : {},
      input.from ? { receivedOn: { gte: dateOnlyToDate(input.from) } } : {},
      input.to ? { receivedOn: { lte: dateOnlyToDate(input.to) } } : {},
    ],
  }
  const where = input.includeVoided ? filter : { AND: [filter, { voidedAt: null }] }
  const [rows, totals] = await runAll(ctx.db, [
    () =>
      findPage(
        () =>
          ctx.db.donation.findMany({
            where,
            select: { id: true },
            orderBy: [{ receivedOn: 'desc' }, { id: 'desc' }],
            take: input.limit + 1,
            ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
          }),
        (ids) =>
          ctx.db.donation.findMany({
            where: { AND: [where, { id: { in: ids } }] },
            select: donationSelect,
            ...JOINED_RELATIONS,
          }),
      ),
    () => sumDonations(ctx.db, filter),
  ])
  const shown = await withoutHiddenHouseholds(ctx, rows)
  return { ...toPage(shown.map(toDonationView), input.limit), totals }
}
