// The figures of 对账 added up in the database, over the donations in scope, in two statements run
// side by side. Figures: what each donation received (cash, or its goods lines) and what live
// handovers took from it, per goods item and unit, with GROUPING SETS; what was taken is read off
// the donation and its lines, where triggers keep it (migration
// 20261215090000_donation_drawn_totals), so this statement reads no draw. Counts: the handovers and
// recipients behind them, counted distinctly over the live draws (a handover drawing on two
// donations of one group counts once in it), read off one covering index with each draw's copy of
// its handover's state and recipient. Over all the donations, and for the groups and donations
// asked for only (a page of them): the rest of the donations still count in the totals, and in no
// group. Each donation carries its key's place in the list of keys asked for (an integer, or
// null) rather than the key; a level asked for with `ALL_KEYS` carries the key itself, and every
// group of it is added up (so the page of groups need not be known first). A grouping the request
// narrows to one key (`pinned`) has one group, of every donation: its figures and counts are the
// totals', not added up again. Voided handovers count nowhere.
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

/** Every group of a level, rather than a list of keys. */
export const ALL_KEYS = 'all'
export type Wanted = Partial<Record<SumLevel, string[] | typeof ALL_KEYS>>

/**
 * Per level, one column of that name: a key's place in its level's list (from 1) or null, or with
 * `ALL_KEYS` the key.
 */
type Places = Partial<Record<SumLevel, number | string | null>>

type FigureRow = Places & {
  g: number
  item: string | null
  unit: string | null
  quantity: bigint
  fen: bigint
  first: string
  drawnQuantity: bigint
  drawnFen: bigint
  drawnFirst: string | null
}
type CountRow = Places & { level: SumLevel | 'totals'; handovers: number; recipients: number }

/** A donation's key, as the contract spells it (reconciliation-pages.ts cuts pages of the same keys). */
const KEY_OF: Record<SumLevel, Prisma.Sql> = {
  activity: Prisma.sql`COALESCE(d."activityId"::text, '')`,
  village: Prisma.sql`d."villageId"::text`,
  donor: Prisma.sql`COALESCE(d."donorOrgId"::text, 'name:' || d."donorName")`,
  donation: Prisma.sql`d.id::text`,
}

/** A donation's key's place in the level's list of keys (from 1), or null. */
const PLACE_OF: Record<SumLevel, (keys: string[]) => Prisma.Sql> = {
  activity: (keys) => Prisma.sql`array_position(${keys}::text[], COALESCE(d."activityId"::text, ''))`,
  village: (keys) => Prisma.sql`array_position(${keys}::uuid[], d."villageId")`,
  donor: (keys) =>
    Prisma.sql`array_position(${keys}::text[], COALESCE(d."donorOrgId"::text, 'name:' || d."donorName"))`,
  donation: (keys) => Prisma.sql`array_position(${keys}::uuid[], d.id)`,
}

/**
 * Per donation, what it received and what was taken from it: a row per goods line of a goods
 * donation, and one for cash (a cash donation's, or cash taken from any other). `line` orders a
 * donation's goods after its own place (by date received, then id).
 */
const DONATION_LINES = Prisma.sql`
  CROSS JOIN LATERAL (
    SELECT g.item, g.unit, g.quantity::bigint AS quantity, g."valueFen" AS fen, g."drawnQuantity",
           g."drawnFen", g."drawCount" AS draws, g.id::text AS line
    FROM "DonationGoods" g WHERE g."donationId" = d.id AND d.kind = 'GOODS'
    UNION ALL
    SELECT NULL, NULL, 0, CASE WHEN d.kind = 'CASH' THEN d."amountFen" ELSE 0 END, 0, d."drawnCashFen", 0, ''
    WHERE d.kind = 'CASH' OR d."drawnCashFen" <> 0
  ) x`

type Entry = { item: string | null; unit: string; quantity: number; fen: number; first: string }

const figuresOf = (entries: Entry[]): Figures =>
  sumFigures(
    entries
      .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
      .map((e) =>
        e.item === null
          ? cashFigures(e.fen)
          : goodsFigures([{ item: e.item, unit: e.unit, quantity: e.quantity, valueFen: e.fen }]),
      ),
  )

type Gathered = { received: Entry[]; handedOver: Entry[] } & Counts

/**
 * `where`: the donations in scope, a condition on "Donation" as `d`; `wanted`: per level, the keys
 * whose own sums are wanted; `pinned`: per level, the one key every donation in scope has. The
 * goods of every figure come in the order they were first received (by date received, then the
 * donation's and the line's ids), as they would adding the donations up one by one in that order.
 */
export const reconciliationSums = async (
  ctx: ServiceContext,
  where: Prisma.Sql,
  wanted: Wanted,
  pinned: Partial<Record<SumLevel, string>> = {},
): Promise<SumsOf> => {
  const isAll = (level: SumLevel) => wanted[level] === ALL_KEYS
  const keys = (level: SumLevel) => {
    const asked = wanted[level]
    return asked === undefined || asked === ALL_KEYS ? [] : asked
  }
  const grouped = SUM_LEVELS.filter((level) => (isAll(level) || keys(level).length) && pinned[level] === undefined)
  const places = grouped.map((level) =>
    isAll(level)
      ? Prisma.sql`${KEY_OF[level]} AS ${Prisma.raw(level)}`
      : Prisma.sql`${PLACE_OF[level](keys(level))}::int AS ${Prisma.raw(level)}`,
  )
  const levels = grouped.map((level) => Prisma.raw(level))
  const sets = [Prisma.sql`(item, unit)`, ...levels.map((level) => Prisma.sql`(${level}, item, unit)`)]
  // Per level, its own column and nulls for the others'.
  const columnsOf = (of: SumLevel | 'totals') =>
    Prisma.join([
      ...grouped.map((level) =>
        Prisma.raw(level === of ? level : `NULL::${isAll(level) ? 'text' : 'int'} AS ${level}`),
      ),
      Prisma.empty,
    ])
  const counted = grouped.map(
    (level) => Prisma.sql`
    UNION ALL
    SELECT ${level}::text, ${columnsOf(level)} COUNT(DISTINCT handover)::int, COUNT(DISTINCT recipient)::int
    FROM x WHERE ${Prisma.raw(level)} IS NOT NULL GROUP BY ${Prisma.raw(level)}`,
  )
  const [figures, counts] = await Promise.all([
    ctx.db.$queryRaw<FigureRow[]>(Prisma.sql`
    SELECT GROUPING(${Prisma.join([...levels, Prisma.raw('item, unit')])})::int AS g,
           ${Prisma.join([...levels, Prisma.raw('item, unit')])},
           SUM(quantity)::bigint AS quantity, SUM(fen)::bigint AS fen, MIN(first) AS first,
           SUM("drawnQuantity")::bigint AS "drawnQuantity", SUM("drawnFen")::bigint AS "drawnFen",
           MIN(first) FILTER (WHERE draws > 0) AS "drawnFirst"
    FROM (
      SELECT ${Prisma.join([...places, Prisma.empty])} x.item, x.unit, x.quantity, x.fen, x."drawnQuantity",
             x."drawnFen", x.draws, to_char(d."receivedOn", 'YYYY-MM-DD') || d.id::text || x.line COLLATE "C" AS first
      FROM "Donation" d ${DONATION_LINES}
      WHERE ${where}
    ) p
    GROUP BY GROUPING SETS (${Prisma.join(sets)})`),
    ctx.db.$queryRaw<CountRow[]>(Prisma.sql`
    WITH d AS MATERIALIZED (
      SELECT ${Prisma.join([...places, Prisma.empty])} d.id FROM "Donation" d WHERE ${where}
    ), x AS MATERIALIZED (
      SELECT ${Prisma.join([...levels.map((level) => Prisma.sql`d.${level}`), Prisma.empty])}
             dr."handoverId" AS handover, dr."recipientId" AS recipient
      FROM d JOIN "HandoverDraw" dr ON dr."donationId" = d.id AND dr."handoverVoidedAt" IS NULL
    )
    SELECT 'totals' AS level, ${columnsOf('totals')} COUNT(DISTINCT handover)::int AS handovers, COUNT(DISTINCT recipient)::int AS recipients
    FROM x ${counted.length ? Prisma.join(counted, '') : Prisma.empty}`),
  ])
  return gather(grouped, keys, isAll, pinned, figures, counts)
}

/** The rows of both statements as sums per level and key. */
const gather = (
  grouped: SumLevel[],
  keys: (level: SumLevel) => string[],
  isAll: (level: SumLevel) => boolean,
  pinned: Partial<Record<SumLevel, string>>,
  figures: FigureRow[],
  counts: CountRow[],
): SumsOf => {
  const held = new Map<string, Gathered>()
  const at = (level: SumLevel | 'totals', place: number | string | null | undefined) => {
    const key =
      level === 'totals'
        ? ''
        : typeof place === 'string'
          ? place
          : keys(level)[(typeof place === 'number' ? place : 0) - 1]
    if (key === undefined) return undefined
    const id = `${level}\u0000${key}`
    const found = held.get(id) ?? { received: [], handedOver: [], handoverCount: 0, recipientCount: 0 }
    held.set(id, found)
    return found
  }
  // GROUPING(<levels>, item, unit): a bit set per level not grouped by, item and unit always are.
  const all = (1 << grouped.length) - 1
  const levelOf = (g: number): SumLevel | 'totals' | undefined => {
    const bits = g >> 2
    if (bits === all) return 'totals'
    return grouped.find((_, i) => bits === (all & ~(1 << (grouped.length - 1 - i))))
  }
  for (const row of figures) {
    const level = levelOf(row.g)
    if (!level) continue
    const sums = at(level, level === 'totals' ? null : row[level])
    if (!sums) continue
    const unit = row.unit ?? ''
    sums.received.push({ item: row.item, unit, quantity: Number(row.quantity), fen: toFen(row.fen), first: row.first })
    // Goods taken: only where a live draw took some; cash: always (nought adds nothing).
    if (row.item === null || row.drawnFirst !== null)
      sums.handedOver.push({
        item: row.item,
        unit,
        quantity: Number(row.drawnQuantity),
        fen: toFen(row.drawnFen),
        first: row.drawnFirst ?? row.first,
      })
  }
  for (const row of counts) {
    const sums = at(row.level, row.level === 'totals' ? null : row[row.level])
    if (!sums) continue
    sums.handoverCount = row.handovers
    sums.recipientCount = row.recipients
  }
  const made: SumsOf = {
    totals: NO_SUMS,
    activity: new Map(),
    village: new Map(),
    donor: new Map(),
    donation: new Map(),
  }
  for (const [id, { received, handedOver, handoverCount, recipientCount }] of held) {
    const [level, key] = id.split('\u0000') as [SumLevel | 'totals', string]
    const sums = { received: figuresOf(received), handedOver: figuresOf(handedOver), handoverCount, recipientCount }
    if (level === 'totals') made.totals = sums
    else made[level].set(key, sums)
  }
  // A pinned grouping's one group holds every donation: its sums are the totals'.
  for (const level of SUM_LEVELS) {
    const key = pinned[level]
    if (key !== undefined && (isAll(level) || keys(level).includes(key)) && held.has('totals\u0000'))
      made[level].set(key, made.totals)
  }
  return made
}
