// The one place money and visit figures are added up, in the database. Activity pages, the
// donation ledger and stats.summary all read their totals from here, so they always agree.
// Voided donations never count.
import { dateToDateOnly } from '../../../common/dates'
import { runAll, type Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { toFen } from '../../lib/fen'

export type MoneyTotals = { cashFen: number; goodsValueFen: number; totalFen: number; donationCount: number }

export const emptyTotals = (): MoneyTotals => ({ cashFen: 0, goodsValueFen: 0, totalFen: 0, donationCount: 0 })

const addTo = (totals: MoneyTotals, kind: 'CASH' | 'GOODS', amount: bigint | null, count: number) => {
  const fen = toFen(amount)
  if (kind === 'CASH') totals.cashFen += fen
  else totals.goodsValueFen += fen
  totals.totalFen = totals.cashFen + totals.goodsValueFen
  totals.donationCount += count
  if (!Number.isSafeInteger(totals.totalFen)) throw new RangeError('donation total beyond the exact range')
}

const live = (where: Prisma.DonationWhereInput): Prisma.DonationWhereInput => ({ AND: [where, { voidedAt: null }] })

export const sumDonations = async (db: Tx, where: Prisma.DonationWhereInput): Promise<MoneyTotals> => {
  const groups = await db.donation.groupBy({
    by: ['kind'],
    where: live(where),
    _sum: { amountFen: true },
    _count: { _all: true },
  })
  const totals = emptyTotals()
  for (const g of groups) addTo(totals, g.kind, g._sum.amountFen, g._count._all)
  return totals
}

type DonationKey = 'activityId' | 'villageId' | 'householdId'

export const donationTotalsBy = async (
  db: Tx,
  where: Prisma.DonationWhereInput,
  key: DonationKey,
): Promise<Map<string, MoneyTotals>> => {
  const groups = await db.donation.groupBy({
    by: [key, 'kind'],
    where: live(key === 'villageId' ? where : { AND: [where, { [key]: { not: null } }] }),
    _sum: { amountFen: true },
    _count: { _all: true },
  })
  const byKey = new Map<string, MoneyTotals>()
  for (const g of groups) {
    const id = g[key]
    if (!id) continue
    const totals = byKey.get(id) ?? emptyTotals()
    addTo(totals, g.kind, g._sum.amountFen, g._count._all)
    byKey.set(id, totals)
  }
  return byKey
}

export type DonorTotals = MoneyTotals & { donorOrgId: string | null; donorName: string }

/** Per donor: an org, or a named outside donor. */
export const donationTotalsByDonor = async (db: Tx, where: Prisma.DonationWhereInput): Promise<DonorTotals[]> => {
  const groups = await db.donation.groupBy({
    by: ['donorOrgId', 'donorName', 'kind'],
    where: live(where),
    _sum: { amountFen: true },
    _count: { _all: true },
  })
  const byDonor = new Map<string, DonorTotals>()
  for (const g of groups) {
    const key = g.donorOrgId ?? `name:${g.donorName}`
    const totals = byDonor.get(key) ?? extend(emptyTotals(), { donorOrgId: g.donorOrgId, donorName: g.donorName })
    addTo(totals, g.kind, g._sum.amountFen, g._count._all)
    byDonor.set(key, totals)
  }
  return [...byDonor.values()].sort((a, b) => b.totalFen - a.totalFen)
}

export type MonthTotals = MoneyTotals & { month: string }

const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

/**
 * Per calendar month of receipt (`YYYY-MM`), oldest first, with the empty months between the
 * first and the last filled in so a chart's axis is time. The database groups by day (at most a
 * few thousand groups over years); the days fold into months here.
 */
export const donationTotalsByMonth = async (db: Tx, where: Prisma.DonationWhereInput): Promise<MonthTotals[]> => {
  const groups = await db.donation.groupBy({
    by: ['receivedOn', 'kind'],
    where: live(where),
    _sum: { amountFen: true },
    _count: { _all: true },
  })
  const byMonth = new Map<string, MoneyTotals>()
  for (const g of groups) {
    const month = dateToDateOnly(g.receivedOn).slice(0, 7)
    const totals = byMonth.get(month) ?? emptyTotals()
    addTo(totals, g.kind, g._sum.amountFen, g._count._all)
    byMonth.set(month, totals)
  }
  return withEmptyMonths(byMonth)
}

/** Months oldest first, with the empty months between the first and the last filled in. */
export const withEmptyMonths = (byMonth: ReadonlyMap<string, MoneyTotals>): MonthTotals[] => {
  const months = [...byMonth.keys()].sort()
  const first = months[0]
  const last = months[months.length - 1]
  if (!first || !last) return []
  const rows: MonthTotals[] = []
  for (let month = first; month <= last; month = nextMonth(month)) {
    rows.push({ month, ...(byMonth.get(month) ?? emptyTotals()) })
  }
  return rows
}

export type VisitTotals = {
  visitCount: number
  householdsVisited: number
  handedOverCashFen: number
  handedOverGoodsValueFen: number
}

export const emptyVisitTotals = (): VisitTotals => ({
  visitCount: 0,
  householdsVisited: 0,
  handedOverCashFen: 0,
  handedOverGoodsValueFen: 0,
})

/** Visits, distinct households visited, and what was handed over, per activity or village. */
export const visitTotalsBy = async (
  db: Tx,
  where: Prisma.VisitWhereInput,
  key: 'activityId' | 'villageId',
): Promise<Map<string, VisitTotals>> => {
  const scoped: Prisma.VisitWhereInput = key === 'villageId' ? where : { AND: [where, { activityId: { not: null } }] }
  const [visits, households] = await runAll(db, [
    () =>
      db.visit.groupBy({
        by: [key],
        where: scoped,
        _count: { _all: true },
        _sum: { cashFen: true, goodsValueFen: true },
      }),
    () => db.visit.groupBy({ by: [key, 'householdId'], where: { AND: [scoped, { householdId: { not: null } }] } }),
  ])
  const byKey = new Map<string, VisitTotals>()
  for (const v of visits) {
    const id = v[key]
    if (!id) continue
    byKey.set(id, {
      visitCount: v._count._all,
      householdsVisited: 0,
      handedOverCashFen: toFen(v._sum.cashFen),
      handedOverGoodsValueFen: toFen(v._sum.goodsValueFen),
    })
  }
  for (const h of households) {
    const totals = h[key] ? byKey.get(h[key]) : undefined
    if (totals) totals.householdsVisited += 1
  }
  return byKey
}

/** The same figures over everything the filter matches. */
export const sumVisits = async (db: Tx, where: Prisma.VisitWhereInput): Promise<VisitTotals> => {
  const [all, households] = await runAll(db, [
    () => db.visit.aggregate({ where, _count: { _all: true }, _sum: { cashFen: true, goodsValueFen: true } }),
    () => db.visit.groupBy({ by: ['householdId'], where: { AND: [where, { householdId: { not: null } }] } }),
  ])
  return {
    visitCount: all._count._all,
    householdsVisited: households.length,
    handedOverCashFen: toFen(all._sum.cashFen),
    handedOverGoodsValueFen: toFen(all._sum.goodsValueFen),
  }
}
