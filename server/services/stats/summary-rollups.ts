// Reads of the rollup tables (migration 20261126210000_stats_rollups), for the villages a summary
// covers: every table carries villageId, so scope is `villageId = ANY(…)` (null: every village).
// Each breakdown is cut to `top` here, in the database; the province has 2,000 villages, 17,000
// donors, 90,000 activities and 300,000 households, too many to rank in Node.

import type { NeedCategory, NeedStatus } from '../../../common/enums'
import type { RawReader } from '../../db/raw-batch'
import { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { toFen } from '../../lib/fen'
import type { DonorTotals, MoneyTotals, VisitTotals } from './totals'

/** The villages read: null for all of them. */
export type Villages = readonly string[] | null

const within = (column: string, villages: Villages) =>
  villages === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(column)} = ANY(${[...villages]}::uuid[])`

/** The same, for the tables that also hold the province's figures: all villages are its row. */
export const PROVINCE = '00000000-0000-0000-0000-000000000000'
const withinProvince = (column: string, villages: Villages) => within(column, villages === null ? [PROVINCE] : villages)

/**
 * A BIGINT column: a bigint from the driver, a number when read in one statement with others
 * (db/raw-batch.ts, which refuses any beyond the exact range).
 */
type Int = bigint | number

type MoneyColumns = { cashFen: Int; goodsValueFen: Int; donationCount: Int }
type VisitColumns = {
  visitCount: Int
  householdsVisited: Int
  handedOverCashFen: Int
  handedOverGoodsValueFen: Int
}

const moneyOf = (r: MoneyColumns): MoneyTotals => {
  const cashFen = toFen(r.cashFen)
  const goodsValueFen = toFen(r.goodsValueFen)
  return { cashFen, goodsValueFen, totalFen: cashFen + goodsValueFen, donationCount: Number(r.donationCount) }
}

const visitsOf = (r: VisitColumns): VisitTotals => ({
  visitCount: Number(r.visitCount),
  householdsVisited: Number(r.householdsVisited),
  handedOverCashFen: toFen(r.handedOverCashFen),
  handedOverGoodsValueFen: toFen(r.handedOverGoodsValueFen),
})

/** The sums of a StatsVillage-shaped row set, as bigint columns. */
const SUMS = Prisma.sql`
  coalesce(sum(s."cashFen"), 0)::bigint AS "cashFen", coalesce(sum(s."goodsValueFen"), 0)::bigint AS "goodsValueFen",
  coalesce(sum(s."donationCount"), 0)::bigint AS "donationCount", coalesce(sum(s."visitCount"), 0)::bigint AS "visitCount",
  coalesce(sum(s."handedOverCashFen"), 0)::bigint AS "handedOverCashFen",
  coalesce(sum(s."handedOverGoodsValueFen"), 0)::bigint AS "handedOverGoodsValueFen",
  coalesce(sum(s."householdsVisited"), 0)::bigint AS "householdsVisited"`

/**
 * Money and visits over the villages. Households visited add up across villages because a
 * household's visits all carry its own village (docs/scaling.md).
 */
export const rollupTotals = async (db: RawReader, villages: Villages) => {
  const [row] = await db.$queryRaw<(MoneyColumns & VisitColumns)[]>`
    SELECT ${SUMS} FROM "StatsVillage" s WHERE ${within('s."villageId"', villages)}`
  if (!row) throw new Error('an aggregate returns one row')
  return { money: moneyOf(row), visits: visitsOf(row) }
}

export type VillageRow = { villageId: string; name: string } & MoneyTotals & VisitTotals

/** The villages that received most, and the most visited: `top` of each. */
export const rollupVillages = async (db: RawReader, villages: Villages, top: number) => {
  const ranked = (order: Prisma.Sql, only: Prisma.Sql) => db.$queryRaw<
    ({ villageId: string; name: string } & MoneyColumns & VisitColumns)[]
  >`
    SELECT s.*, v."name" FROM (
      SELECT * FROM "StatsVillage" s WHERE ${within('s."villageId"', villages)} AND ${only}
       ORDER BY ${order}, s."villageId" LIMIT ${top}) s
      JOIN "Village" v ON v."id" = s."villageId"
     ORDER BY ${order}, s."villageId"`
  const [byTotal, byVisits] = await Promise.all([
    ranked(Prisma.sql`s."cashFen" + s."goodsValueFen" DESC`, Prisma.sql`(s."donationCount" > 0 OR s."visitCount" > 0)`),
    ranked(Prisma.sql`s."visitCount" DESC`, Prisma.sql`s."visitCount" > 0`),
  ])
  const rowOf = (r: (typeof byTotal)[number]): VillageRow => ({
    villageId: r.villageId,
    name: r.name,
    ...moneyOf(r),
    ...visitsOf(r),
  })
  return { byTotal: byTotal.map(rowOf), byVisits: byVisits.map(rowOf) }
}

type DonorColumns = MoneyColumns & { donorKey: string; donorOrgId: string | null; donorName: string }

const donorOf = (r: DonorColumns): DonorTotals => ({
  donorOrgId: r.donorOrgId,
  donorName: r.donorName,
  ...moneyOf(r),
})

const DONOR_SUMS = Prisma.sql`
  s."donorKey", s."donorOrgId"::text AS "donorOrgId", min(s."donorName") AS "donorName",
  sum(s."cashFen")::bigint AS "cashFen", sum(s."goodsValueFen")::bigint AS "goodsValueFen",
  sum(s."donationCount")::bigint AS "donationCount"`

/** The province's `top` donors and how many there are: StatsDonorTotal, names from StatsDonor. */
const provinceDonors = (db: RawReader, top: number) =>
  Promise.all([
    db.$queryRaw<DonorColumns[]>`
      SELECT t."donorKey", t."donorOrgId"::text AS "donorOrgId", n."donorName", t."cashFen", t."goodsValueFen",
             t."donationCount"::bigint AS "donationCount"
        FROM (SELECT * FROM "StatsDonorTotal" WHERE "donationCount" > 0
               ORDER BY "totalFen" DESC, "donorKey" COLLATE "C" LIMIT ${top}) t
        CROSS JOIN LATERAL (SELECT min(s."donorName") AS "donorName" FROM "StatsDonor" s
                             WHERE s."villageId" = ${PROVINCE}::uuid AND s."donorKey" = t."donorKey" AND s."donationCount" > 0) n
       ORDER BY t."totalFen" DESC, t."donorKey" COLLATE "C"`,
    db.$queryRaw<{ donors: Int }[]>`
      SELECT count(*)::bigint AS "donors" FROM "StatsDonorTotal" WHERE "donationCount" > 0`,
  ])

/** The `top` donors, how many there are, and the totals of the donors named in `keys`. */
export const rollupDonors = async (db: RawReader, villages: Villages, top: number, keys: readonly string[] = []) => {
  const [[ranked, [counted]], named] = await Promise.all([
    villages === null
      ? provinceDonors(db, top)
      : Promise.all([
          db.$queryRaw<DonorColumns[]>`
            SELECT ${DONOR_SUMS} FROM "StatsDonor" s WHERE ${within('s."villageId"', villages)} AND s."donationCount" > 0
             GROUP BY s."donorKey", s."donorOrgId"
             ORDER BY sum(s."cashFen" + s."goodsValueFen") DESC, s."donorKey" COLLATE "C" LIMIT ${top}`,
          db.$queryRaw<{ donors: Int }[]>`
            SELECT count(DISTINCT s."donorKey")::bigint AS "donors" FROM "StatsDonor" s
             WHERE ${within('s."villageId"', villages)} AND s."donationCount" > 0`,
        ]),
    keys.length
      ? db.$queryRaw<DonorColumns[]>`
          SELECT ${DONOR_SUMS} FROM "StatsDonor" s
           WHERE ${withinProvince('s."villageId"', villages)} AND s."donationCount" > 0 AND s."donorKey" = ANY(${[...keys]}::text[])
           GROUP BY s."donorKey", s."donorOrgId"`
      : Promise.resolve([]),
  ])
  return {
    top: ranked.map(donorOf),
    donorCount: Number(counted?.donors ?? 0),
    byKey: new Map(named.map((r) => [r.donorKey, donorOf(r)])),
  }
}

export type ActivityRow = { activityId: string; theme: string; heldOn: string } & MoneyTotals & VisitTotals

type ActivityColumns = { activityId: string; theme: string; heldOn: string } & MoneyColumns & VisitColumns

const activityOf = (r: ActivityColumns): ActivityRow => ({
  activityId: r.activityId,
  theme: r.theme,
  heldOn: r.heldOn,
  ...moneyOf(r),
  ...visitsOf(r),
})

/**
 * The `top` most recent activities with a donation or a visit in the villages, and the totals of
 * the activities in `ids` (zero where they have none there). For every village, the newest
 * activities are walked down Activity(heldOn); for some, their rows come by StatsActivityVillage(villageId).
 */
export const rollupActivities = async (db: RawReader, villages: Villages, top: number, ids: readonly string[] = []) => {
  const recent =
    villages === null
      ? db.$queryRaw<ActivityColumns[]>`
          SELECT a."id" AS "activityId", a."theme", to_char(a."heldOn", 'YYYY-MM-DD') AS "heldOn", t.*
            FROM "Activity" a
            CROSS JOIN LATERAL (SELECT ${SUMS} FROM "StatsActivityVillage" s WHERE s."activityId" = a."id") t
           WHERE t."donationCount" > 0 OR t."visitCount" > 0
           ORDER BY a."heldOn" DESC, a."id" DESC LIMIT ${top}`
      : db.$queryRaw<ActivityColumns[]>`
          WITH t AS (
            SELECT s."activityId", ${SUMS} FROM "StatsActivityVillage" s
             WHERE ${within('s."villageId"', villages)} AND (s."donationCount" > 0 OR s."visitCount" > 0)
             GROUP BY s."activityId")
          SELECT a."theme", to_char(a."heldOn", 'YYYY-MM-DD') AS "heldOn", t.*
            FROM t JOIN "Activity" a ON a."id" = t."activityId"
           ORDER BY a."heldOn" DESC, a."id" DESC LIMIT ${top}`
  const named = ids.length
    ? db.$queryRaw<ActivityColumns[]>`
        SELECT a."id" AS "activityId", a."theme", to_char(a."heldOn", 'YYYY-MM-DD') AS "heldOn", t.*
          FROM "Activity" a
          CROSS JOIN LATERAL (SELECT ${SUMS} FROM "StatsActivityVillage" s
                               WHERE s."activityId" = a."id" AND ${within('s."villageId"', villages)}) t
         WHERE a."id" = ANY(${[...ids]}::uuid[])`
    : Promise.resolve([])
  const [rows, byId] = await Promise.all([recent, named])
  return { top: rows.map(activityOf), byId: new Map(byId.map((r) => [r.activityId, activityOf(r)])) }
}

/** Each activity's money and visits over all its villages, by id: a page of the activity list. */
export const rollupActivityTotals = async (db: RawReader, ids: readonly string[]) => {
  const rows = ids.length
    ? await db.$queryRaw<({ activityId: string } & MoneyColumns & VisitColumns)[]>`
        SELECT s."activityId", ${SUMS} FROM "StatsActivityVillage" s
         WHERE s."activityId" = ANY(${[...ids]}::uuid[]) GROUP BY s."activityId"`
    : []
  return new Map(rows.map((r): [string, MoneyTotals & VisitTotals] => [r.activityId, extend(moneyOf(r), visitsOf(r))]))
}

/** Money per calendar month (`YYYY-MM`) of receipt, months with a donation only. */
export const rollupMonths = async (db: RawReader, villages: Villages) => {
  const rows = await db.$queryRaw<({ month: string } & MoneyColumns)[]>`
    SELECT to_char(s."month", 'YYYY-MM') AS "month", sum(s."cashFen")::bigint AS "cashFen",
           sum(s."goodsValueFen")::bigint AS "goodsValueFen", sum(s."donationCount")::bigint AS "donationCount"
      FROM "StatsVillageMonth" s WHERE ${withinProvince('s."villageId"', villages)}
     GROUP BY s."month" HAVING sum(s."donationCount") > 0`
  return new Map(rows.map((r) => [r.month, moneyOf(r)]))
}

/** The `top` households by what they received, named, with their village. */
export const rollupHouseholds = async (db: RawReader, villages: Villages, top: number) => {
  const rows = await db.$queryRaw<
    {
      householdId: string
      donationFen: Int
      visitCount: Int
      handedOverCashFen: Int
      handedOverGoodsValueFen: Int
      code: string
      headName: string
      villageId: string
      villageName: string
    }[]
  >`
    SELECT s."householdId", s."donationFen", s."visitCount"::bigint AS "visitCount", s."handedOverCashFen",
           s."handedOverGoodsValueFen", h."code", h."headName", v."id" AS "villageId", v."name" AS "villageName"
      FROM "StatsHousehold" s
      JOIN "Household" h ON h."id" = s."householdId"
      JOIN "Village" v ON v."id" = h."villageId"
     WHERE ${within('s."villageId"', villages)} AND (s."donationCount" > 0 OR s."visitCount" > 0)
     ORDER BY s."totalFen" DESC, s."householdId" LIMIT ${top}`
  return rows.map((r) => {
    const donationFen = toFen(r.donationFen)
    const handedOverCashFen = toFen(r.handedOverCashFen)
    const handedOverGoodsValueFen = toFen(r.handedOverGoodsValueFen)
    return {
      householdId: r.householdId,
      donationFen,
      visitCount: Number(r.visitCount),
      handedOverCashFen,
      handedOverGoodsValueFen,
      totalFen: donationFen + handedOverCashFen + handedOverGoodsValueFen,
      code: r.code,
      headName: r.headName,
      village: { id: r.villageId, name: r.villageName },
    }
  })
}

/** Needs per status and category. */
export const rollupNeeds = async (db: RawReader, villages: Villages) => {
  const rows = await db.$queryRaw<{ status: NeedStatus; category: NeedCategory; count: Int }[]>`
    SELECT s."status", s."category", sum(s."needCount")::bigint AS "count"
      FROM "StatsNeed" s WHERE ${withinProvince('s."villageId"', villages)} GROUP BY 1, 2`
  return rows.map((r) => ({ status: r.status, category: r.category, count: Number(r.count) }))
}

/** The province's open needs due before `day` (an admin's overdue needs). */
export const rollupOverdueNeeds = async (db: RawReader, day: Date) => {
  const [row] = await db.$queryRaw<{ count: Int }[]>`
    SELECT coalesce(sum("needCount"), 0)::bigint AS "count" FROM "StatsOpenNeedDue" WHERE "dueOn" < ${day}::date`
  return Number(row?.count ?? 0)
}

/** The province's published activities (an admin's activities held). */
export const rollupActivitiesHeld = async (db: RawReader) => {
  const [row] = await db.$queryRaw<{ count: Int }[]>`
    SELECT coalesce(sum("activityCount"), 0)::bigint AS "count" FROM "StatsActivityHeld"`
  return Number(row?.count ?? 0)
}
