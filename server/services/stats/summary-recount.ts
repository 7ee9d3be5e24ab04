// stats.summary recounted from the base tables (stats/totals.ts), in the caller's scope. It is
// the reference the rollups are tested against (tests/server/stats-rollups.test.ts), and
// stats.summary's answer for the filters the rollups cannot answer exactly: an activity, or
// dates (summary.ts; docs/scaling.md). At province scale it takes seconds without those filters.

import type { TStatsSummaryRequest } from '../../../common/contracts/stats/summary'
import { dateOnlyToDate, dateToDateOnly, nextDay, shanghaiDate, shanghaiDayStart } from '../../../common/dates'
import { NEED_CATEGORIES, NEED_STATUSES, type NeedCategory, type NeedStatus } from '../../../common/enums'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import type { Actor } from '../auth/actor'
import { visibleHouseholdIds } from '../households/visible-households'
import { activityScope, donationScope, needScope, visitScope } from '../scope'
import { onReadReplica, type ServiceContext } from '../service-context'
import { moneyAndVisits, namedVillageRows } from './money-and-visits'
import { type DonorTotals, donationTotalsBy, emptyTotals, emptyVisitTotals } from './totals'

const dateRange = (from?: string, to?: string): Prisma.DateTimeFilter | undefined =>
  from || to
    ? { ...(from ? { gte: dateOnlyToDate(from) } : {}), ...(to ? { lte: dateOnlyToDate(to) } : {}) }
    : undefined

/** Largest first; equal totals in the order of `key` (so that `top` cuts the same rows every time). */
export const byTotalDesc =
  <T extends { totalFen: number }>(key: (row: T) => string) =>
  (a: T, b: T) =>
    b.totalFen - a.totalFen || compareText(key(a), key(b))

/** Code-unit order, as PostgreSQL's `COLLATE "C"` sorts the same (BMP) text. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Most recent first, then by id. */
export const byHeldOnDesc = <T extends { heldOn: string; activityId: string }>(a: T, b: T) =>
  compareText(b.heldOn, a.heldOn) || compareText(b.activityId, a.activityId)

/** Most visited first, then by id. */
export const byVisitsDesc = <T extends { visitCount: number; villageId: string }>(a: T, b: T) =>
  b.visitCount - a.visitCount || compareText(a.villageId, b.villageId)

export const donorKey = (d: { donorOrgId: string | null; donorName: string }) => d.donorOrgId ?? `name:${d.donorName}`

/** The filters of a summary, as `where`s on each base table, within the actor's scope. */
export const summaryWheres = (actor: Actor, input: TStatsSummaryRequest) => {
  const dates = dateRange(input.from, input.to)
  const donationWhere: Prisma.DonationWhereInput = {
    AND: [
      donationScope(actor),
      input.villageId ? { villageId: input.villageId } : {},
      input.activityId ? { activityId: input.activityId } : {},
      dates ? { receivedOn: dates } : {},
    ],
  }
  const visitWhere: Prisma.VisitWhereInput = {
    AND: [
      visitScope(actor),
      input.villageId ? { villageId: input.villageId } : {},
      input.activityId ? { activityId: input.activityId } : {},
      dates ? { visitedOn: dates } : {},
    ],
  }
  const needWhere: Prisma.NeedWhereInput = {
    AND: [
      needScope(actor),
      input.villageId ? { villageId: input.villageId } : {},
      input.activityId ? { visit: { activityId: input.activityId } } : {},
      input.from ? { createdAt: { gte: shanghaiDayStart(input.from) } } : {},
      input.to ? { createdAt: { lt: shanghaiDayStart(nextDay(input.to)) } } : {},
    ],
  }
  /** What counts as held, apart from scope. */
  const activityFilters: Prisma.ActivityWhereInput[] = [
    { status: 'PUBLISHED' },
    input.villageId ? { villageId: input.villageId } : {},
    input.activityId ? { id: input.activityId } : {},
    dates ? { heldOn: dates } : {},
  ]
  const activityWhere: Prisma.ActivityWhereInput = { AND: [activityScope(actor), ...activityFilters] }
  return { donationWhere, visitWhere, needWhere, activityWhere, activityFilters }
}

/** Open needs past their due day: Need(status, dueOn) or Need(villageId, status) serve it. */
export const countOverdueNeeds = (db: Tx, needWhere: Prisma.NeedWhereInput) =>
  db.need.count({
    where: {
      AND: [needWhere, { status: { in: [...OPEN_NEED_STATUSES] }, dueOn: { lt: dateOnlyToDate(shanghaiDate()) } }],
    },
  })

/** Every status and category present (0 when none), and the open ones added up. */
export const needCounts = (
  byStatus: Iterable<{ status: NeedStatus; count: number }>,
  byCategory: Iterable<{ category: NeedCategory; count: number }>,
) => {
  const needsByStatus = Object.fromEntries(NEED_STATUSES.map((s) => [s, 0])) as Record<NeedStatus, number>
  for (const g of byStatus) needsByStatus[g.status] += g.count
  const needsByCategory = Object.fromEntries(NEED_CATEGORIES.map((c) => [c, 0])) as Record<NeedCategory, number>
  for (const g of byCategory) needsByCategory[g.category] += g.count
  const openNeeds = OPEN_NEED_STATUSES.reduce((sum, s) => sum + needsByStatus[s], 0)
  return { needsByStatus, needsByCategory, openNeeds }
}

export const statsSummaryRecount = async ({
  ctx: callerCtx,
  input,
}: {
  ctx: ServiceContext
  input: TStatsSummaryRequest
}) => {
  // All reads, on the read replica when there is one (docs/scaling.md).
  const ctx = onReadReplica(callerCtx)
  const { actor, db } = ctx
  const { donationWhere, visitWhere, needWhere, activityWhere } = summaryWheres(actor, input)

  const [figures, needGroups, needCategoryGroups, overdueNeeds, activitiesHeld] = await runAll(db, [
    () => moneyAndVisits(db, donationWhere, visitWhere),
    () => db.need.groupBy({ by: ['status'], where: needWhere, _count: { _all: true } }),
    () => db.need.groupBy({ by: ['category'], where: needWhere, _count: { _all: true } }),
    () => countOverdueNeeds(db, needWhere),
    () => db.activity.count({ where: activityWhere }),
  ])
  const { money, visits, byDonor, byMonth, byActivity } = figures

  const { needsByStatus, needsByCategory, openNeeds } = needCounts(
    needGroups.map((g) => ({ status: g.status, count: g._count._all })),
    needCategoryGroups.map((g) => ({ category: g.category, count: g._count._all })),
  )

  const [activities, villageRows, byHousehold] = await runAll(db, [
    () =>
      db.activity.findMany({
        where: { id: { in: byActivity.ids } },
        select: { id: true, theme: true, heldOn: true },
      }),
    () => namedVillageRows(db, figures.byVillage),
    () => householdBreakdown(ctx, donationWhere, visitWhere, input.top),
  ])

  return {
    totals: {
      ...money,
      donorCount: byDonor.length,
      activitiesHeld,
      ...visits,
      needsByStatus,
      needsByCategory,
      openNeeds,
      overdueNeeds,
    },
    byActivity: activities
      .map((a) => ({
        activityId: a.id,
        theme: a.theme,
        heldOn: dateToDateOnly(a.heldOn),
        ...(byActivity.money.get(a.id) ?? emptyTotals()),
        ...(byActivity.visits.get(a.id) ?? emptyVisitTotals()),
      }))
      .sort(byHeldOnDesc)
      .slice(0, input.top),
    /** The villages that received most, and (for the visits chart) the most visited. */
    byVillage: [...villageRows].sort(byTotalDesc((v) => v.villageId)).slice(0, input.top),
    byVillageVisits: villageRows
      .filter((v) => v.visitCount > 0)
      .sort(byVisitsDesc)
      .slice(0, input.top),
    /** Donations per calendar month, oldest first, every month in range present. */
    byMonth,
    byDonor: [...byDonor].sort(byTotalDesc<DonorTotals>(donorKey)).slice(0, input.top),
    byHousehold,
  }
}

/** What each household received: donations made out to it, and what visits handed over. */
const householdBreakdown = async (
  ctx: ServiceContext,
  donationWhere: Prisma.DonationWhereInput,
  visitWhere: Prisma.VisitWhereInput,
  top: number,
) => {
  const [donations, handouts] = await runAll(ctx.db, [
    () => donationTotalsBy(ctx.db, donationWhere, 'householdId'),
    () =>
      ctx.db.visit.groupBy({
        by: ['householdId'],
        where: { AND: [visitWhere, { householdId: { not: null } }] },
        _count: { _all: true },
        _sum: { cashFen: true, goodsValueFen: true },
      }),
  ])
  const rows = new Map<
    string,
    { donationFen: number; visitCount: number; handedOverCashFen: number; handedOverGoodsValueFen: number }
  >()
  const row = (id: string) => {
    const existing = rows.get(id) ?? { donationFen: 0, visitCount: 0, handedOverCashFen: 0, handedOverGoodsValueFen: 0 }
    rows.set(id, existing)
    return existing
  }
  for (const [id, totals] of donations) row(id).donationFen = totals.totalFen
  for (const h of handouts) {
    if (!h.householdId) continue
    const r = row(h.householdId)
    r.visitCount = h._count._all
    r.handedOverCashFen = toFen(h._sum.cashFen)
    r.handedOverGoodsValueFen = toFen(h._sum.goodsValueFen)
  }
  // Only households the reader may see are named (see visible-households.ts).
  const visible = await visibleHouseholdIds(ctx, rows.keys())
  const ranked = [...rows.entries()]
    .filter(([householdId]) => visible.has(householdId))
    .map(([householdId, r]) => ({
      householdId,
      ...r,
      totalFen: r.donationFen + r.handedOverCashFen + r.handedOverGoodsValueFen,
    }))
    .sort(byTotalDesc((r) => r.householdId))
    .slice(0, top)
  const households = await ctx.db.household.findMany({
    where: { id: { in: ranked.map((r) => r.householdId) } },
    select: { id: true, code: true, headName: true, village: { select: { id: true, name: true } } },
  })
  const byId = new Map(households.map((h) => [h.id, h]))
  return ranked.flatMap((r) => {
    const household = byId.get(r.householdId)
    return household ? [{ ...r, code: household.code, headName: household.headName, village: household.village }] : []
  })
}
