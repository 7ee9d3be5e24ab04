// The figures of 对账 added up in the database, over the donations in scope, in two statements run
// side by side: what each received (cash, or its goods lines) and what live handovers drew from it
// (cash, or a quantity of a goods line), per goods item and unit, in one grouped statement; and the
// handovers and recipients behind them, counted distinctly (a handover drawing on two donations of
// one group counts once in it).
// Over all the donations, and for the groups and donations asked for only (a page of them): the
// rest of the donations still count in the totals, and in no group. Voided handovers count nowhere.

import { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import type { ServiceContext } from '../service-context'
import { cashFigures, type Figures, goodsFigures, NO_FIGURES, sumFigures } from './reconciliation-figures'

export type Counts = { handoverCount: number; recipientCount: number }
export type Sums = { received: Figures; handedOver: Figures } & Counts
export const NO_SUMS: Sums = { received: NO_FIGURES, handedOver: NO_FIGURES, handoverCount: 0, recipientCount: 0 }

export const SUM_LEVELS = ['activity', 'village', 'donor', 'donation'] as const
export type SumLevel = (typeof SUM_LEVELS)[number]

export type SumsOf = { totals: Sums } & Record<SumLevel, Map<string, Sums>>

/** The key a donation is grouped by per activity ('' without one) and per donor (its org, or its name). */
export const activityKey = (activityId: string | null) => activityId ?? ''
export const donorKey = (donorOrgId: string | null, donorName: string) => donorOrgId ?? `name:${donorName}`

type SumRow = {
  g: number
  activity: string | null
  village: string | null
  donor: string | null
  donation: string | null
  side: 'in' | 'out' | null
  item: string | null
  unit: string | null
  quantity: bigint | null
  fen: bigint | null
  first: string | null
}
const COUNTS = Prisma.sql`COUNT(DISTINCT handover)::int AS handovers, COUNT(DISTINCT recipient)::int AS recipients`
type CountRow = { level: SumLevel | 'totals'; key: string; handovers: number; recipients: number }

// GROUPING(activity, village, donor, donation, side, item, unit): a bit set per column not grouped by.
const LEVEL_BITS = { activity: 0b1000000, village: 0b0100000, donor: 0b0010000, donation: 0b0001000 }
const ALL_LEVELS = 0b1111000
const levelOf = (g: number): SumLevel | 'totals' | null => {
  const grouped = ALL_LEVELS & ~g
  if (!grouped) return 'totals'
  return SUM_LEVELS.find((level) => grouped === LEVEL_BITS[level]) ?? null
}

type Entry = { side: 'in' | 'out'; item: string | null; unit: string; quantity: number; fen: number; first: string }
type Gathered = { entries: Entry[] } & Counts

const figuresOf = (entries: Entry[], side: 'in' | 'out'): Figures =>
  sumFigures(
    entries
      .filter((e) => e.side === side)
      .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
      .map((e) =>
        e.item === null
          ? cashFigures(e.fen)
          : goodsFigures([{ item: e.item, unit: e.unit, quantity: e.quantity, valueFen: e.fen }]),
      ),
  )

/**
 * `where`: the donations in scope, a condition on "Donation" as `d`; `wanted`: per level, the keys whose own sums are wanted. The
 * goods of every figure come in the order they were first received (by date received, then the
 * donation's and the line's ids), as they would adding the donations up one by one in that order.
 */
export const reconciliationSums = async (
  ctx: ServiceContext,
  where: Prisma.Sql,
  wanted: Partial<Record<SumLevel, string[]>>,
): Promise<SumsOf> => {
  const sums: SumsOf = {
    totals: NO_SUMS,
    activity: new Map(),
    village: new Map(),
    donor: new Map(),
    donation: new Map(),
  }
  const keys = (level: SumLevel) => wanted[level] ?? []
  const d = Prisma.sql`
    d AS MATERIALIZED (
      SELECT d.id, d.kind, d."amountFen", to_char(d."receivedOn", 'YYYY-MM-DD') || d.id::text AS first,
             COALESCE(d."activityId"::text, '') AS activity, d."villageId"::text AS village,
             COALESCE(d."donorOrgId"::text, 'name:' || d."donorName") AS donor
      FROM "Donation" d WHERE ${where}
    )`
  // A column per level: the key where it is one of those wanted, else null (and in no group).
  const levels = Prisma.sql`
    CASE WHEN e.activity = ANY(${keys('activity')}::text[]) THEN e.activity END AS activity,
    CASE WHEN e.village = ANY(${keys('village')}::text[]) THEN e.village END AS village,
    CASE WHEN e.donor = ANY(${keys('donor')}::text[]) THEN e.donor END AS donor,
    CASE WHEN e.id = ANY(${keys('donation')}::uuid[]) THEN e.id::text END AS donation`
  const live = Prisma.sql`
    FROM "HandoverDraw" dr
    JOIN d ON d.id = dr."donationId"
    JOIN "Handover" h ON h.id = dr."handoverId" AND h."voidedAt" IS NULL`
  const [rows, counted] = await Promise.all([
    ctx.db.$queryRaw<SumRow[]>(Prisma.sql`
      WITH ${d}, e AS (
        SELECT d.id, d.activity, d.village, d.donor, 'in' AS side, NULL::text AS item, NULL::text AS unit,
               0::bigint AS quantity, CASE WHEN d.kind = 'CASH' THEN d."amountFen" ELSE 0 END AS fen, d.first
        FROM d
        UNION ALL
        SELECT d.id, d.activity, d.village, d.donor, 'in', g.item, g.unit, g.quantity, g."valueFen",
               d.first || g.id::text
        FROM d JOIN "DonationGoods" g ON g."donationId" = d.id WHERE d.kind = 'GOODS'
        UNION ALL
        SELECT d.id, d.activity, d.village, d.donor, 'out', g.item, g.unit, o.quantity, o.fen,
               d.first || COALESCE(g.id::text, '')
        FROM (SELECT dr."donationId", dr."donationGoodsId", SUM(COALESCE(dr.quantity, 0))::bigint AS quantity,
                     SUM(dr."amountFen")::bigint AS fen
              ${live} GROUP BY 1, 2) o
        JOIN d ON d.id = o."donationId"
        LEFT JOIN "DonationGoods" g ON g.id = o."donationGoodsId"
      ), p AS (SELECT ${levels}, e.side, e.item, e.unit, e.quantity, e.fen, e.first FROM e)
      SELECT GROUPING(activity, village, donor, donation, side, item, unit)::int AS g,
             activity, village, donor, donation, side, item, unit,
             SUM(quantity)::bigint AS quantity, SUM(fen)::bigint AS fen, MIN(first) AS first
      FROM p
      GROUP BY GROUPING SETS ((side, item, unit), (activity, side, item, unit), (village, side, item, unit),
                              (donor, side, item, unit), (donation, side, item, unit))`),
    // Distinct handovers and recipients over all, and per level over the rows of the keys wanted only.
    ctx.db.$queryRaw<CountRow[]>(Prisma.sql`
      WITH ${d}, e AS MATERIALIZED (
        SELECT d.id, d.activity, d.village, d.donor, dr."handoverId" AS handover,
               COALESCE(h."householdId", h."cadreUserId") AS recipient
        ${live}
      )
      SELECT 'totals' AS level, '' AS key, ${COUNTS} FROM e
      UNION ALL
      SELECT 'activity', activity, ${COUNTS} FROM e WHERE activity = ANY(${keys('activity')}::text[]) GROUP BY activity
      UNION ALL
      SELECT 'village', village, ${COUNTS} FROM e WHERE village = ANY(${keys('village')}::text[]) GROUP BY village
      UNION ALL
      SELECT 'donor', donor, ${COUNTS} FROM e WHERE donor = ANY(${keys('donor')}::text[]) GROUP BY donor
      UNION ALL
      SELECT 'donation', id::text, ${COUNTS} FROM e WHERE id = ANY(${keys('donation')}::uuid[]) GROUP BY id`),
  ])
  const gathered = new Map<string, Gathered>()
  const gather = (key: string) => {
    const held = gathered.get(key) ?? { entries: [], handoverCount: 0, recipientCount: 0 }
    gathered.set(key, held)
    return held
  }
  for (const row of rows) {
    const level = levelOf(row.g)
    const key = level === 'totals' ? '' : level && row[level]
    if (key === null || !row.side) continue
    gather(`${level}\u0000${key}`).entries.push({
      side: row.side,
      item: row.item,
      unit: row.unit ?? '',
      quantity: Number(row.quantity ?? 0),
      fen: toFen(row.fen),
      first: row.first ?? '',
    })
  }
  for (const row of counted) {
    const held = gather(`${row.level}\u0000${row.key}`)
    held.handoverCount = row.handovers
    held.recipientCount = row.recipients
  }
  for (const [at, held] of gathered) {
    const [level, key] = at.split('\u0000') as [SumLevel | 'totals', string]
    const made: Sums = {
      received: figuresOf(held.entries, 'in'),
      handedOver: figuresOf(held.entries, 'out'),
      handoverCount: held.handoverCount,
      recipientCount: held.recipientCount,
    }
    if (level === 'totals') sums.totals = made
    else sums[level].set(key, made)
  }
  return sums
}
