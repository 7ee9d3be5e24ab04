// The figures of 对账 added up in the database, over the donations in scope, in two statements run
// side by side, each reading the live draws in scope with their handovers' recipients off one
// covering index (index-only scans; each draw carries its handover's voidedAt and recipient, kept
// by the triggers of migration 20261214090000_handover_draw_copies): what each donation received
// (cash, or its goods lines) and what the draws took from it (cash, or a quantity of a goods
// line), per goods item and unit, with GROUPING SETS; and the handovers and recipients behind
// them, counted distinctly (a handover drawing on two donations of one group counts once in it).
// Two statements on two connections measured faster than one reading the draws once
// (docs/benchmarks.md, 对账).
// Over all the donations, and for the groups and donations asked for only (a page of them): the
// rest of the donations still count in the totals, and in no group. A grouping the request narrows
// to one key (`pinned`) has one group, of every donation: its counts are the totals', not counted
// again. Voided handovers count nowhere.
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
  handovers: number | null
  recipients: number | null
}

/**
 * A column per level: the donation's key where it is one of those wanted, else null (and in no
 * group). Compared byte by byte (COLLATE "C"): they are only sorted to be grouped.
 */
const levelColumns = (keys: (level: SumLevel) => string[]) => Prisma.sql`
  CASE WHEN COALESCE(d."activityId"::text, '') = ANY(${keys('activity')}::text[])
       THEN COALESCE(d."activityId"::text, '') END COLLATE "C" AS activity,
  CASE WHEN d."villageId"::text = ANY(${keys('village')}::text[]) THEN d."villageId"::text END COLLATE "C" AS village,
  CASE WHEN COALESCE(d."donorOrgId"::text, 'name:' || d."donorName") = ANY(${keys('donor')}::text[])
       THEN COALESCE(d."donorOrgId"::text, 'name:' || d."donorName") END COLLATE "C" AS donor,
  CASE WHEN d.id = ANY(${keys('donation')}::uuid[]) THEN d.id::text END COLLATE "C" AS donation`

// GROUPING(activity, village, donor, donation, side, item, unit): a bit set per column not grouped by
// (the counts' rows shift theirs, of the levels only, to the same places).
const LEVEL_BITS = { activity: 0b1000000, village: 0b0100000, donor: 0b0010000, donation: 0b0001000 }
const ALL_LEVELS = 0b1111000
const levelOf = (g: number): SumLevel | 'totals' | null => {
  const grouped = ALL_LEVELS & ~g
  if (!grouped) return 'totals'
  return SUM_LEVELS.find((level) => grouped === LEVEL_BITS[level]) ?? null
}

/** Distinct handovers and recipients over the draws `x` of one level's keys (of all, for `totals`). */
const countsOf = (level: SumLevel | 'totals') => {
  const g = level === 'totals' ? ALL_LEVELS : ALL_LEVELS & ~LEVEL_BITS[level]
  const columns = SUM_LEVELS.map((at) => Prisma.raw(at === level ? at : `NULL::text AS ${at}`))
  const of =
    level === 'totals' ? Prisma.empty : Prisma.sql`WHERE ${Prisma.raw(level)} IS NOT NULL GROUP BY ${Prisma.raw(level)}`
  return Prisma.sql`
    SELECT ${g}::int AS g, ${Prisma.join(columns)},
           COUNT(DISTINCT handover)::int AS handovers, COUNT(DISTINCT recipient)::int AS recipients
    FROM x ${of}`
}

const countsOnly = ({ handoverCount, recipientCount }: Counts): Counts => ({ handoverCount, recipientCount })

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
 * `where`: the donations in scope, a condition on "Donation" as `d`; `wanted`: per level, the keys
 * whose own sums are wanted; `pinned`: per level, the one key every donation in scope has. The
 * goods of every figure come in the order they were first received (by date received, then the
 * donation's and the line's ids), as they would adding the donations up one by one in that order.
 */
export const reconciliationSums = async (
  ctx: ServiceContext,
  where: Prisma.Sql,
  wanted: Partial<Record<SumLevel, string[]>>,
  pinned: Partial<Record<SumLevel, string>> = {},
): Promise<SumsOf> => {
  const sums: SumsOf = {
    totals: NO_SUMS,
    activity: new Map(),
    village: new Map(),
    donor: new Map(),
    donation: new Map(),
  }
  const keys = (level: SumLevel) => wanted[level] ?? []
  const counted = SUM_LEVELS.filter((level) => keys(level).length && pinned[level] === undefined)
  // The donations in scope, with the keys they are grouped by, and their live draws.
  const drawsOf = Prisma.sql`
    WITH d AS MATERIALIZED (
      SELECT d.id, d.kind, d."amountFen", to_char(d."receivedOn", 'YYYY-MM-DD') || d.id::text AS first,
             ${levelColumns(keys)}
      FROM "Donation" d WHERE ${where}
    ), x AS MATERIALIZED (
      SELECT dr."donationId" AS id, dr."donationGoodsId" AS goods, COALESCE(dr.quantity, 0) AS quantity,
             dr."amountFen" AS fen, dr."handoverId" AS handover, dr."recipientId" AS recipient,
             d.activity, d.village, d.donor, d.donation
      FROM "HandoverDraw" dr
      JOIN d ON d.id = dr."donationId"
      WHERE dr."handoverVoidedAt" IS NULL
    )`
  const [figures, counts] = await Promise.all([
    ctx.db.$queryRaw<SumRow[]>(Prisma.sql`
    ${drawsOf}, p AS (
      SELECT d.activity, d.village, d.donor, d.donation, 'in' AS side, NULL::text AS item, NULL::text AS unit,
             0::bigint AS quantity, CASE WHEN d.kind = 'CASH' THEN d."amountFen" ELSE 0 END AS fen, d.first
      FROM d
      UNION ALL
      SELECT d.activity, d.village, d.donor, d.donation, 'in', g.item, g.unit, g.quantity, g."valueFen",
             d.first || g.id::text
      FROM d JOIN "DonationGoods" g ON g."donationId" = d.id WHERE d.kind = 'GOODS'
      UNION ALL
      SELECT d.activity, d.village, d.donor, d.donation, 'out', g.item, g.unit, o.quantity, o.fen,
             d.first || COALESCE(g.id::text, '')
      FROM (SELECT id, goods, SUM(quantity)::bigint AS quantity, SUM(fen)::bigint AS fen FROM x GROUP BY 1, 2) o
      JOIN d ON d.id = o.id
      LEFT JOIN "DonationGoods" g ON g.id = o.goods
    )
    SELECT GROUPING(activity, village, donor, donation, side, item, unit)::int AS g,
           activity, village, donor, donation, side, item, unit,
           SUM(quantity)::bigint AS quantity, SUM(fen)::bigint AS fen, MIN(first) AS first,
           NULL::int AS handovers, NULL::int AS recipients
    FROM p
    GROUP BY GROUPING SETS ((side, item, unit), (activity, side, item, unit), (village, side, item, unit),
                            (donor, side, item, unit), (donation, side, item, unit))
`),
    ctx.db.$queryRaw<SumRow[]>(Prisma.sql`
    ${drawsOf}
    ${Prisma.join((['totals', ...counted] as const).map(countsOf), ' UNION ALL ')}`),
  ])
  const rows = [...figures, ...counts]
  const gathered = new Map<string, Gathered>()
  const gather = (key: string) => {
    const held = gathered.get(key) ?? { entries: [], handoverCount: 0, recipientCount: 0 }
    gathered.set(key, held)
    return held
  }
  for (const row of rows) {
    const level = levelOf(row.g)
    const key = level === 'totals' ? '' : level && row[level]
    if (key === null || key === undefined) continue
    if (row.handovers !== null) {
      const held = gather(`${level}\u0000${key}`)
      held.handoverCount = row.handovers
      held.recipientCount = row.recipients ?? 0
      continue
    }
    if (!row.side) continue
    gather(`${level}\u0000${key}`).entries.push({
      side: row.side,
      item: row.item,
      unit: row.unit ?? '',
      quantity: Number(row.quantity ?? 0),
      fen: toFen(row.fen),
      first: row.first ?? '',
    })
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
  for (const level of SUM_LEVELS) {
    const key = pinned[level]
    const held = key === undefined ? undefined : sums[level].get(key)
    if (key !== undefined && held) sums[level].set(key, { ...held, ...countsOnly(sums.totals) })
  }
  return sums
}
