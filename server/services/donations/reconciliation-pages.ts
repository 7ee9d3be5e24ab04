// The donations of a 对账 as pages, cut in the database: how many donations are in scope, the ids
// of a page of them by date received (the donations' own lines), and for each grouping asked for
// (per activity, per village, per donor) a page of its groups in the order of each group's first
// donation, with that first donation, how many donations the group holds, its label, and how many
// groups there are. One statement over the donations in scope; only the pages come back, however
// many donations there are (reading every donation into the server cost more than adding them up).
// A cursor that is not in scope starts from the first page, as a cursor past the end gives none.

import type { TReconciliationGrouping } from '../../../common/contracts/donation/donation-reconciliation'
import { Prisma } from '../../generated/prisma/client'
import type { ServiceContext } from '../service-context'

/** A group's first donation, as much of it as the group's label and scope need. */
export type ScopedDonation = {
  activityId: string | null
  villageId: string
  donorOrgId: string | null
  donorName: string
}

export type GroupEntry = { first: ScopedDonation; donationCount: number; label: string }

/** One page of a grouping: its keys in order, the next page's cursor, and how many groups there are. */
export type GroupPage = {
  by: TReconciliationGrouping
  keys: string[]
  nextCursor: string | null
  count: number
  groups: Map<string, GroupEntry>
}

type Paging = { cursor?: string | null; limit: number }

export type PagesRequest = {
  /** The donations' own lines, or null for none. */
  lines: Paging | null
  groups: ({ by: TReconciliationGrouping } & Paging)[]
}

export type Pages = {
  donationCount: number
  /** The page of donations and, past `limit`, the first of the next page. */
  lineIds: string[]
  groups: GroupPage[]
}

/** What a donation is grouped by ("namedDonor": the donor's name when it has no org). */
const GROUPED_BY: Record<TReconciliationGrouping, Prisma.Sql> = {
  activity: Prisma.sql`("activityId")`,
  village: Prisma.sql`("villageId")`,
  donor: Prisma.sql`("donorOrgId", "namedDonor")`,
}
/** A group's key, as the contract spells it, from what it is grouped by. */
const KEY: Record<TReconciliationGrouping, Prisma.Sql> = {
  activity: Prisma.sql`COALESCE("activityId"::text, '')`,
  village: Prisma.sql`"villageId"::text`,
  donor: Prisma.sql`COALESCE("donorOrgId"::text, 'name:' || "namedDonor")`,
}
const GROUPING_COLUMN: Record<TReconciliationGrouping, string> = {
  activity: '"activityId"',
  village: '"villageId"',
  donor: '"donorOrgId"',
}

type PageRow = {
  level: 'count' | 'line' | TReconciliationGrouping
  key: string | null
  count: number | null
  donations: number | null
  activityId: string | null
  villageId: string | null
  donorOrgId: string | null
  donorName: string | null
  label: string | null
}

/** The groups of the groupings asked for, hashed in one pass; a row's grouping by GROUPING(). */
const groupsSql = (groupings: PagesRequest['groups']) => {
  const columns = Prisma.raw(groupings.map((g) => GROUPING_COLUMN[g.by]).join(', '))
  const all = (1 << groupings.length) - 1
  const bitOf = (i: number) => all & ~(1 << (groupings.length - 1 - i))
  const when = (value: (g: PagesRequest['groups'][number]) => Prisma.Sql) =>
    Prisma.join(
      groupings.map((g, i) => Prisma.sql`WHEN ${Prisma.raw(String(bitOf(i)))} THEN ${value(g)}`),
      ' ',
    )
  const paging = groupings.map((g) => Prisma.sql`(${g.by}::text, ${g.cursor ?? null}::text, ${g.limit}::int)`)
  return Prisma.sql`
  , g AS (
    SELECT CASE GROUPING(${columns}) ${when((g) => Prisma.sql`${g.by}::text`)} END AS level,
           CASE GROUPING(${columns}) ${when((g) => KEY[g.by])} END AS key,
           min(first) AS first, count(*)::int AS donations
    FROM d GROUP BY GROUPING SETS (${Prisma.join(groupings.map((g) => GROUPED_BY[g.by]))})
  ), ranked AS (
    SELECT g.*, row_number() OVER (PARTITION BY level ORDER BY first) AS rank FROM g
  ), paging (level, cursor, "limit") AS (VALUES ${Prisma.join(paging)}
  ), page AS (
    SELECT r.* FROM ranked r
    JOIN paging p ON p.level = r.level
    LEFT JOIN ranked c ON c.level = p.level AND c.key = p.cursor
    WHERE r.rank > COALESCE(c.rank, 0) AND r.rank <= COALESCE(c.rank, 0) + p."limit" + 1
  )`
}

/** The groups' rows: how many there are per grouping, then the page's, each with its first donation. */
const groupRowsSql = Prisma.sql`
  UNION ALL
  SELECT 'count', level, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM g GROUP BY level
  UNION ALL
  SELECT p.level, p.key, NULL, p.donations, p.first, f."activityId"::text, f."villageId"::text,
         f."donorOrgId"::text, f."donorName", CASE p.level WHEN 'activity' THEN a.theme WHEN 'village' THEN v.name END
  FROM page p
  JOIN d f ON f.first = p.first
  LEFT JOIN "Activity" a ON p.level = 'activity' AND a.id = f."activityId"
  LEFT JOIN "Village" v ON p.level = 'village' AND v.id = f."villageId"`

/** The page of lines after the donation `cursor`, and one more. */
const linesSql = (lines: Paging | null) =>
  lines
    ? Prisma.sql`
  , line AS (
    SELECT d.id::text AS key, d.first FROM d
    WHERE NOT EXISTS (SELECT FROM d c WHERE c.id::text = ${lines.cursor ?? null}::text)
       OR d.first > (SELECT c.first FROM d c WHERE c.id::text = ${lines.cursor ?? null}::text)
    ORDER BY d.first LIMIT ${lines.limit + 1}::int
  )`
    : Prisma.sql`, line AS (SELECT NULL::text AS key, NULL::text AS first WHERE false)`

/**
 * `where`: the donations in scope, a condition on "Donation" as `d`. The order is by date
 * received, then id: `first` spells both so that text order is theirs (COLLATE "C": bytewise).
 */
export const reconciliationPages = async (
  ctx: ServiceContext,
  where: Prisma.Sql,
  request: PagesRequest,
): Promise<Pages> => {
  const rows = await ctx.db.$queryRaw<PageRow[]>(Prisma.sql`
    WITH d AS MATERIALIZED (
      SELECT d.id, d."activityId", d."villageId", d."donorOrgId", d."donorName",
             CASE WHEN d."donorOrgId" IS NULL THEN d."donorName" END AS "namedDonor",
             to_char(d."receivedOn", 'YYYY-MM-DD') || d.id::text COLLATE "C" AS first
      FROM "Donation" d WHERE ${where}
    ) ${linesSql(request.lines)} ${request.groups.length ? groupsSql(request.groups) : Prisma.empty}
    SELECT 'count' AS level, NULL::text AS key, count(*)::int AS count, NULL::int AS donations,
           NULL::text COLLATE "C" AS first, NULL::text AS "activityId", NULL::text AS "villageId",
           NULL::text AS "donorOrgId", NULL::text AS "donorName", NULL::text AS label
    FROM d
    UNION ALL
    SELECT 'line', key, NULL, NULL, first, NULL, NULL, NULL, NULL, NULL FROM line
    ${request.groups.length ? groupRowsSql : Prisma.empty}
    ORDER BY 1, 5`)
  const counts = new Map(rows.filter((r) => r.level === 'count').map((r) => [r.key ?? '', r.count ?? 0]))
  const groups = request.groups.map(({ by, limit }): GroupPage => {
    const page = rows.filter((r) => r.level === by)
    const shown = page.slice(0, limit)
    const keys = shown.map((r) => r.key ?? '')
    return {
      by,
      keys,
      nextCursor: page.length > limit ? (keys[keys.length - 1] ?? null) : null,
      count: counts.get(by) ?? 0,
      groups: new Map(
        shown.map((r) => [
          r.key ?? '',
          {
            first: {
              activityId: r.activityId,
              villageId: r.villageId ?? '',
              donorOrgId: r.donorOrgId,
              donorName: r.donorName ?? '',
            },
            donationCount: r.donations ?? 0,
            label: r.label ?? '',
          },
        ]),
      ),
    }
  })
  return {
    donationCount: counts.get('') ?? 0,
    lineIds: rows.filter((r) => r.level === 'line').map((r) => r.key ?? ''),
    groups,
  }
}
