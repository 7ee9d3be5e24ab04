// stats.summary: the headline numbers and their breakdowns per activity, village, donor and
// household, for whatever the caller's scope covers. Without an activity or dates — the 统计
// page's first call, and a village's — every figure comes from the rollup tables, which the
// database keeps in the writing transaction (docs/scaling.md); with them, it is recounted from
// the base tables (summary-recount.ts), since the rollups hold no per-day or per-activity detail
// for donors, households and needs. Both give the same answer; tests/server/stats-rollups.test.ts
// holds them to it.

import type { TStatsSummaryRequest } from '../../../common/contracts/stats/summary'
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'
import { runAll } from '../../db/client'
import { inOneStatement } from '../../db/raw-batch'
import { extend } from '../../lib/extend'
import { onReadReplica, type ServiceContext } from '../service-context'
import { countActivitiesHeld } from './activities-held'
import { moneyAndVisits, namedVillageRows } from './money-and-visits'
import { countOverdueNeedsIn } from './overdue-needs'
import { type BeyondReach, findBeyondReach } from './summary-beyond-reach'
import { byHeldOnDesc, byTotalDesc, byVisitsDesc, donorKey, needCounts, statsSummaryRecount } from './summary-recount'
import {
  type ActivityRow,
  rollupActivities,
  rollupActivitiesHeld,
  rollupDonors,
  rollupHouseholds,
  rollupMonths,
  rollupNeeds,
  rollupOverdueNeeds,
  rollupTotals,
  rollupVillages,
  type VillageRow,
  type Villages,
} from './summary-rollups'
import {
  type DonorTotals,
  emptyTotals,
  emptyVisitTotals,
  type MoneyTotals,
  type VisitTotals,
  withEmptyMonths,
} from './totals'

export type StatsSummary = Awaited<ReturnType<typeof statsSummaryRecount>>

const addMoney = (a: MoneyTotals, b: MoneyTotals): MoneyTotals => {
  const totalFen = a.totalFen + b.totalFen
  if (!Number.isSafeInteger(totalFen)) throw new RangeError('donation total beyond the exact range')
  return {
    cashFen: a.cashFen + b.cashFen,
    goodsValueFen: a.goodsValueFen + b.goodsValueFen,
    totalFen,
    donationCount: a.donationCount + b.donationCount,
  }
}

const addVisits = (a: VisitTotals, b: VisitTotals): VisitTotals => ({
  visitCount: a.visitCount + b.visitCount,
  householdsVisited: a.householdsVisited + b.householdsVisited,
  handedOverCashFen: a.handedOverCashFen + b.handedOverCashFen,
  handedOverGoodsValueFen: a.handedOverGoodsValueFen + b.handedOverGoodsValueFen,
})

export const statsSummary = async ({
  ctx: callerCtx,
  input,
}: {
  ctx: ServiceContext
  input: TStatsSummaryRequest
}): Promise<StatsSummary> => {
  if (input.activityId || input.from || input.to) return statsSummaryRecount({ ctx: callerCtx, input })
  // All reads, on the read replica when there is one (docs/scaling.md).
  const ctx = onReadReplica(callerCtx)
  const { actor, db } = ctx
  const reached = actor.reach.villageIds
  const villages: Villages = input.villageId
    ? reached === null || reached.includes(input.villageId)
      ? [input.villageId]
      : []
    : reached
  // The rollup reads and the two counts over the base tables go as one statement (db/raw-batch.ts).
  // An admin's whole province (villages null): the overdue needs and activities held come from
  // rollups too.
  const today = shanghaiDate()
  const [
    beyondReach,
    totals,
    villageRanks,
    donors,
    activities,
    months,
    byHousehold,
    needs,
    overdueNeeds,
    activitiesHeld,
  ] = await inOneStatement(db, (reads) =>
    Promise.all([
      findBeyondReach(reads, actor, input.villageId),
      rollupTotals(reads, villages),
      rollupVillages(reads, villages, input.top),
      rollupDonors(reads, villages, input.top),
      rollupActivities(reads, villages, input.top),
      rollupMonths(reads, villages),
      rollupHouseholds(reads, villages, input.top),
      rollupNeeds(reads, villages),
      villages === null
        ? rollupOverdueNeeds(reads, dateOnlyToDate(today))
        : countOverdueNeedsIn(reads, villages, today),
      villages === null ? rollupActivitiesHeld(reads) : countActivitiesHeld(reads, actor, input.villageId),
    ]),
  )
  const beyond = await addBeyondReach(ctx, villages, input.top, beyondReach)

  const byDonor = mergeDonors(donors.top, beyond.donors)
  const donorCount = donors.donorCount + beyond.donorsOnlyBeyond
  for (const [month, money] of beyond.months) months.set(month, addMoney(months.get(month) ?? emptyTotals(), money))

  return {
    totals: extend(addMoney(totals.money, beyond.money), {
      donorCount,
      activitiesHeld,
      ...addVisits(totals.visits, beyond.visits),
      ...needCounts(needs, needs),
      overdueNeeds,
    }),
    byActivity: mergeActivities(activities.top, beyond.activities).sort(byHeldOnDesc).slice(0, input.top),
    byVillage: [...villageRanks.byTotal, ...beyond.villages].sort(byTotalDesc((v) => v.villageId)).slice(0, input.top),
    byVillageVisits: [...villageRanks.byVisits, ...beyond.villages.filter((v) => v.visitCount > 0)]
      .sort(byVisitsDesc)
      .slice(0, input.top),
    byMonth: withEmptyMonths(months),
    byDonor: byDonor.sort(byTotalDesc<DonorTotals>(donorKey)).slice(0, input.top),
    // Households beyond reach are never named (visible-households.ts), so the rollup is the answer.
    byHousehold,
  }
}

const NOTHING_BEYOND = {
  money: emptyTotals(),
  visits: emptyVisitTotals(),
  donors: [] as DonorTotals[],
  /** How many of them gave nothing within reach. */
  donorsOnlyBeyond: 0,
  months: new Map<string, MoneyTotals>(),
  villages: [] as VillageRow[],
  /** Each activity's whole totals (in reach and beyond). */
  activities: [] as ActivityRow[],
}

/**
 * The beyond-reach rows' figures, recounted from the base tables. Their villages are outside the
 * rollups' (the actor does not reach them), so village rows and households visited add up; an
 * activity or a donor may be on both sides, so those come back whole, rollup part included.
 */
const addBeyondReach = async (
  ctx: ServiceContext,
  villages: Villages,
  top: number,
  { donations, visits }: BeyondReach,
): Promise<typeof NOTHING_BEYOND> => {
  if (!donations && !visits) return NOTHING_BEYOND
  const { db } = ctx
  const none = { id: { in: [] as string[] } }
  const {
    money,
    visits: visitTotals,
    byDonor: donors,
    byMonth,
    byVillage,
    byActivity,
  } = await moneyAndVisits(db, donations ?? none, visits ?? none)
  const [villageRows, inReach, donorsInReach] = await runAll(db, [
    () => namedVillageRows(db, byVillage),
    () => rollupActivities(db, villages, top, byActivity.ids),
    () => rollupDonors(db, villages, top, donors.map(donorKey)),
  ])
  return {
    money,
    visits: visitTotals,
    donorsOnlyBeyond: donors.filter((d) => !donorsInReach.byKey.has(donorKey(d))).length,
    donors: donors.map((d) => {
      const known = donorsInReach.byKey.get(donorKey(d))
      return known ? extend(d, addMoney(known, d)) : d
    }),
    months: new Map(byMonth.map(({ month, ...totals }) => [month, totals])),
    villages: villageRows,
    activities: byActivity.ids.flatMap((id) => {
      const row = inReach.byId.get(id)
      if (!row) return []
      const money = addMoney(row, byActivity.money.get(id) ?? emptyTotals())
      return [extend(row, extend(money, addVisits(row, byActivity.visits.get(id) ?? emptyVisitTotals())))]
    }),
  }
}

/** The rollup's top donors, with beyond-reach donors (already whole) replacing or joining them. */
const mergeDonors = (top: DonorTotals[], beyond: DonorTotals[]) => {
  const byKey = new Map(top.map((d) => [donorKey(d), d]))
  for (const d of beyond) byKey.set(donorKey(d), d)
  return [...byKey.values()]
}

const mergeActivities = (top: ActivityRow[], beyond: ActivityRow[]) => {
  const byId = new Map(top.map((a) => [a.activityId, a]))
  for (const a of beyond) byId.set(a.activityId, a)
  return [...byId.values()]
}
