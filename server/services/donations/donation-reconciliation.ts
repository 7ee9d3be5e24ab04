// 对账: what each donation in scope received, what live handovers drew from it, and the balance,
// to the fen and per goods item, with the number of handovers and of households (or cadres) they
// reached; the same over all of them, and per activity, per village and per donor, each group with
// the way to its households (handover.list, or its donations, each of which pages its own
// recipients). Everything is added up and paged in the database: the pages (reconciliation-pages.ts:
// how many donations, the page of the donations' own lines, and a page of each grouping) and the
// figures and counts (reconciliation-sums.ts) of the totals and of every group, side by side; with
// the donations' own lines, the figures of the page of lines, and the lines' details, after it.
// For one donation, its recipients a page at a time. Only the parts the request names are worked
// out (the page of lines, each grouping); the totals always are. Voided donations and voided
// handovers count nowhere.

import {
  RECONCILIATION_GROUPINGS,
  RECONCILIATION_PARTS,
  type TDonationReconciliation,
  type TDonationReconciliationRequest,
  type TReconciledDonation,
  type TReconciliationGrouping,
  type TReconciliationGroups,
  type TReconciliationGroupsRequest,
  type TReconciliationPart,
} from '../../../common/contracts/donation/donation-reconciliation'
import { dateToDateOnly } from '../../../common/dates'
import { toPage } from '../../../common/pagination'
import { Prisma } from '../../generated/prisma/client'
import { donationScopeSql } from '../scope'
import type { ServiceContext } from '../service-context'
import { subtractFigures } from './reconciliation-figures'
import { groupsOf } from './reconciliation-groups'
import { type GroupPage, reconciliationPages } from './reconciliation-pages'
import { donationRecipients } from './reconciliation-recipients'
import { ALL_KEYS, NO_SUMS, reconciliationSums } from './reconciliation-sums'

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

/** The answer's part each grouping fills. */
const PART_OF: Record<TReconciliationGrouping, TReconciliationPart> = {
  activity: 'byActivity',
  village: 'byVillage',
  donor: 'byDonor',
}

/** The request's own narrowing, which each group's scope narrows further. */
const narrowedOf = (input: Scope) => ({
  ...(input.activityId ? { activityId: input.activityId } : {}),
  ...(input.villageId ? { villageId: input.villageId } : {}),
  ...(input.donorOrgId ? { donorOrgId: input.donorOrgId } : {}),
})

/** The groupings the request narrows to one group, whose figures and counts are the totals' (one key each). */
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
  const asked = new Set<TReconciliationPart>(input.parts ?? RECONCILIATION_PARTS)
  const only = input.donationId !== undefined
  // With one donation, `cursor` pages its recipients: its line is the only one, and they need it.
  const linePaging = asked.has('donations') || only ? { limit: input.limit, cursor: only ? null : input.cursor } : null
  const groupings = RECONCILIATION_GROUPINGS.filter((by) => asked.has(PART_OF[by]))
  // Without the donations' own lines, every group's sums are added up beside the pages rather than
  // after them: the same rows are read, and the answer waits for one round, not two.
  const [{ donationCount, lineIds, groups }, everyGroup] = await Promise.all([
    reconciliationPages(ctx, where, { lines: linePaging, groups: groupings.map((by) => ({ by, limit: input.limit })) }),
    linePaging
      ? null
      : reconciliationSums(ctx, where, Object.fromEntries(groupings.map((by) => [by, ALL_KEYS])), pinnedOf(input)),
  ])
  const pageOf = (by: TReconciliationGrouping) => groups.find((page) => page.by === by)
  const [activities, villages, donors] = [pageOf('activity'), pageOf('village'), pageOf('donor')]
  const [sums, lines] = await Promise.all([
    everyGroup ??
      reconciliationSums(
        ctx,
        where,
        {
          donation: lineIds.slice(0, input.limit),
          activity: activities?.keys,
          village: villages?.keys,
          donor: donors?.keys,
        },
        pinnedOf(input),
      ),
    lineIds.length
      ? ctx.db.donation.findMany({
          where: { id: { in: lineIds } },
          select: lineSelect,
          orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }],
        })
      : [],
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
  const grouped = (page: GroupPage | undefined, of: TReconciliationGrouping) =>
    page ? groupsOf(page, sums[of], narrowed) : null
  const onlyLine = only ? lines[0] : undefined
  return {
    donations: !asked.has('donations')
      ? null
      : only
        ? { items: donations.slice(0, 1), nextCursor: null }
        : toPage(donations, input.limit),
    totals: {
      ...totals,
      balance: subtractFigures(totals.received, totals.handedOver),
      donationCount,
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
  // Every group's sums beside the page, as in donationReconciliation.
  const [{ groups }, sums] = await Promise.all([
    reconciliationPages(ctx, where, {
      lines: null,
      groups: [{ by: input.by, cursor: input.cursor, limit: input.limit }],
    }),
    reconciliationSums(ctx, where, { [input.by]: ALL_KEYS }, pinnedOf(input)),
  ])
  return groupsOf(groups[0] as GroupPage, sums[input.by], narrowedOf(input))
}
