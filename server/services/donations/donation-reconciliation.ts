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
import { Prisma } from '../../generated/prisma/client'
import { donationScopeSql } from '../scope'
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

/** The donations in scope, as a condition on "Donation" as `d`. */
const scopeWhere = (ctx: ServiceContext, input: Scope): Prisma.Sql => {
  const narrowing = [
    Prisma.sql`d."voidedAt" IS NULL`,
    ...(input.donationId ? [Prisma.sql`d.id = ${input.donationId}::uuid`] : []),
    ...(input.activityId ? [Prisma.sql`d."activityId" = ${input.activityId}::uuid`] : []),
    ...(input.villageId ? [Prisma.sql`d."villageId" = ${input.villageId}::uuid`] : []),
    ...(input.donorOrgId ? [Prisma.sql`d."donorOrgId" = ${input.donorOrgId}::uuid`] : []),
  ]
  return Prisma.sql`${donationScopeSql(ctx.actor)} AND ${Prisma.join(narrowing, ' AND ')}`
}

/** The donations in scope, by date received, with what they are grouped by. */
const scopedDonations = (ctx: ServiceContext, where: Prisma.Sql): Promise<ScopedDonation[]> =>
  ctx.db.$queryRaw<ScopedDonation[]>(Prisma.sql`
    SELECT d.id::text AS id, d."activityId"::text AS "activityId", d."villageId"::text AS "villageId",
           d."donorOrgId"::text AS "donorOrgId", d."donorName"
    FROM "Donation" d WHERE ${where} ORDER BY d."receivedOn", d.id`)

/** The request's own narrowing, which each group's scope narrows further. */
const narrowedOf = (input: Scope) => ({
  ...(input.activityId ? { activityId: input.activityId } : {}),
  ...(input.villageId ? { villageId: input.villageId } : {}),
  ...(input.donorOrgId ? { donorOrgId: input.donorOrgId } : {}),
})

/** The groupings the request narrows to one group, whose counts are then the totals' (one key each). */
const pinnedOf = (input: Scope) => ({
  ...(input.activityId ? { activity: input.activityId } : {}),
  ...(input.villageId ? { village: input.villageId } : {}),
  ...(input.donorOrgId ? { donor: input.donorOrgId } : {}),
})

export const donationReconciliation = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext
  input: TDonationReconciliationRequest
}): Promise<TDonationReconciliation> => {
  const where = scopeWhere(ctx, input)
  const scoped = await scopedDonations(ctx, where)
  const only = input.donationId ? scoped[0] : undefined
  const from = input.cursor && !only ? scoped.findIndex((d) => d.id === input.cursor) + 1 : 0
  const lineIds = only ? [only.id] : scoped.slice(from, from + input.limit + 1).map((d) => d.id)
  const pages = (['activity', 'village', 'donor'] as const).map((by) => groupPage(scoped, by, { limit: input.limit }))
  const [activities, villages, donors] = pages
  const [sums, lines, labels] = await Promise.all([
    reconciliationSums(
      ctx,
      where,
      { donation: lineIds, activity: activities?.keys, village: villages?.keys, donor: donors?.keys },
      pinnedOf(input),
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
  const where = scopeWhere(ctx, input)
  const page = groupPage(await scopedDonations(ctx, where), input.by, input)
  const [sums, labels] = await Promise.all([
    reconciliationSums(ctx, where, { [input.by]: page.keys }, pinnedOf(input)),
    groupLabels(ctx, [page]),
  ])
  return groupsOf(page, sums[input.by], labels, narrowedOf(input))
}
