// 对账: what each donation in scope received, what live handovers drew from it, and the balance,
// to the fen and per goods item, with the number of handovers and of households (or cadres) they
// reached; the same over all of them, and per activity, per village and per donor, each group with
// the way to its households (handover.list, or its donations, each of which pages its own
// recipients). Everything is added up in the database (reconciliation-sums.ts); only the donations
// in scope are read here, their ids and what they are grouped by. The donations' own lines and the
// groups come a page at a time, each with its own figures; and, for one donation, its recipients a
// page at a time. Voided donations and voided handovers count nowhere.

import type {
  TDonationReconciliation,
  TDonationReconciliationRequest,
  TReconciledDonation,
  TReconciliationGroups,
  TReconciliationGroupsRequest,
} from '../../../common/contracts/donation/donation-reconciliation'
import { dateToDateOnly } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import type { Prisma } from '../../generated/prisma/client'
import { donationScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { subtractFigures } from './reconciliation-figures'
import { groupLabels, groupPage, groupsOf, type ScopedDonation } from './reconciliation-groups'
import { donationRecipients } from './reconciliation-recipients'
import { NO_SUMS, reconciliationSums } from './reconciliation-sums'

type Scope = { donationId?: string; activityId?: string; villageId?: string; donorOrgId?: string }

const lineSelect = {
  id: true,
  donorName: true,
  donorOrgId: true,
  kind: true,
  receivedOn: true,
  village: { select: { id: true, name: true } },
  activity: { select: { id: true, theme: true } },
  goods: { select: { id: true, item: true, unit: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.DonationSelect

/** The donations in scope, by date received, with what they are grouped by. */
const scopedDonations = (ctx: ServiceContext, input: Scope): Promise<ScopedDonation[]> =>
  ctx.db.donation.findMany({
    where: {
      AND: [
        donationScope(ctx.actor),
        { voidedAt: null },
        input.donationId ? { id: input.donationId } : {},
        input.activityId ? { activityId: input.activityId } : {},
        input.villageId ? { villageId: input.villageId } : {},
        input.donorOrgId ? { donorOrgId: input.donorOrgId } : {},
      ],
    },
    select: { id: true, activityId: true, villageId: true, donorOrgId: true, donorName: true },
    orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
  })

/** The request's own narrowing, which each group's scope narrows further. */
const narrowedOf = (input: Scope) => ({
  ...(input.activityId ? { activityId: input.activityId } : {}),
  ...(input.villageId ? { villageId: input.villageId } : {}),
  ...(input.donorOrgId ? { donorOrgId: input.donorOrgId } : {}),
})

export const donationReconciliation = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TDonationReconciliationRequest
}): Promise<TDonationReconciliation> => {
  const scoped = await scopedDonations(ctx, input)
  const only = input.donationId ? scoped[0] : undefined
  const from = input.cursor && !only ? scoped.findIndex((d) => d.id === input.cursor) + 1 : 0
  const lineIds = only ? [only.id] : scoped.slice(from, from + input.limit + 1).map((d) => d.id)
  const pages = (['activity', 'village', 'donor'] as const).map((by) => groupPage(scoped, by, { limit: input.limit }))
  const [activities, villages, donors] = pages
  const [sums, lines, labels] = await Promise.all([
    reconciliationSums(
      ctx,
      scoped.map((d) => d.id),
      {
        donation: lineIds,
        activity: activities?.keys,
        village: villages?.keys,
        donor: donors?.keys,
      },
    ),
    lineIds.length
      ? ctx.db.donation.findMany({
          where: { id: { in: lineIds } },
          select: lineSelect,
          orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
        })
      : [],
    groupLabels(ctx, pages),
  ])
  const donations = lines.map((row): TReconciledDonation => {
    const { received, handedOver, handoverCount, recipientCount } = sums.donation.get(row.id) ?? NO_SUMS
    return {
      id: row.id,
      donorName: row.donorName,
      donorOrgId: row.donorOrgId,
      kind: row.kind,
      receivedOn: dateToDateOnly(row.receivedOn),
      village: row.village,
      activity: row.activity,
      received,
      handedOver,
      balance: subtractFigures(received, handedOver),
      handoverCount,
      recipientCount,
    }
  })
  const { totals } = sums
  const narrowed = narrowedOf(input)
  const grouped = (page: (typeof pages)[number] | undefined, of: 'activity' | 'village' | 'donor') =>
    page ? groupsOf(page, sums[of], labels, narrowed) : { items: [], nextCursor: null, count: 0 }
  const onlyLine = only ? lines[0] : undefined
  return {
    donations: only ? { items: donations, nextCursor: null } : toPage(donations, input.limit),
    totals: {
      ...totals,
      balance: subtractFigures(totals.received, totals.handedOver),
      donationCount: scoped.length,
    },
    byActivity: grouped(activities, 'activity'),
    byVillage: grouped(villages, 'village'),
    byDonor: grouped(donors, 'donor'),
    recipients: onlyLine ? await donationRecipients(ctx, onlyLine, input) : null,
  }
}

/** One grouping of a 对账, a page of groups at a time. */
export const reconciliationGroups = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TReconciliationGroupsRequest
}): Promise<TReconciliationGroups> => {
  const scoped = await scopedDonations(ctx, input)
  const page = groupPage(scoped, input.by, input)
  const [sums, labels] = await Promise.all([
    reconciliationSums(
      ctx,
      scoped.map((d) => d.id),
      { [input.by]: page.keys },
    ),
    groupLabels(ctx, [page]),
  ])
  return groupsOf(page, sums[input.by], labels, narrowedOf(input))
}
