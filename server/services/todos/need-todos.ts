// The 待办 sources that are needs (due, new, awaiting 回访, escalated): each is one query (which
// needs, in what order, made what item), read two ways: for one person, how many match and the
// first page of them, in one raw read (todo.list, todo.count; a batch's reader sends a person's
// sources as one statement, db/raw-batch.ts); for many people at once, every match with its
// village, for each person to take those in their own villages (the reminder scan).
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import type { NeedStatus } from '../../../common/enums'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { RawReader } from '../../db/raw-batch'
import { Prisma } from '../../generated/prisma/client'
import type { TodoArgs, TodoSource } from './todo-source'

/**
 * A need as the items show it. Days as YYYY-MM-DD, those of instants in Beijing, made by the
 * query: rows read through a batch come back as JSON, where a date would be text.
 */
export type NeedLine = {
  id: string
  villageId: string
  description: string
  dueOn: string | null
  createdOn: string
  resolvedOn: string | null
  headName: string
  villageName: string
}

export type NeedTodoQuery = {
  /** Which needs: a condition over "Need" as `n`. */
  where: Prisma.Sql
  /** In what order: over `n`, ending in its id. */
  orderBy: Prisma.Sql
  toItem: (need: NeedLine) => TTodoItem
}

/** An item and where it belongs (its village, or for a 党支部's item its org). */
export type ScopedItem = { scope: string; item: TTodoItem }

/** Statuses as a list of SQL constants, for `n.status IN (…)` (the planner reads them off the indexes). */
export const statusList = (statuses: readonly NeedStatus[]) =>
  Prisma.raw(statuses.map((status) => `'${status}'`).join(', '))

export const OPEN_STATUSES = statusList(OPEN_NEED_STATUSES)

/** Needs in `villageIds`. */
export const inVillages = (villageIds: readonly string[]) => Prisma.sql`n."villageId" = ANY(${[...villageIds]}::uuid[])`

const shanghaiDay = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`

/**
 * The needs of `query` in its order, the first `limit` of them (null: all), each with how many
 * match in all unless `isCounted` is false (a count reads every match; without it the read stops
 * at the limit). The names are read for those rows only, after the cut.
 */
export const needLines = (
  db: RawReader,
  { where, orderBy }: Omit<NeedTodoQuery, 'toItem'>,
  { limit, isCounted = true }: { limit: number | null; isCounted?: boolean },
) =>
  db.$queryRaw<(NeedLine & { total: number | null })[]>(Prisma.sql`
    SELECT l.id, l."villageId", l.description, l."dueOn", l."createdOn", l."resolvedOn", l.total,
      h."headName", v.name AS "villageName"
    FROM (
      SELECT n.id, n."householdId", n."villageId", n.description,
        to_char(n."dueOn", 'YYYY-MM-DD') AS "dueOn",
        ${shanghaiDay(Prisma.sql`n."createdAt"`)} AS "createdOn",
        ${shanghaiDay(Prisma.sql`n."resolvedAt"`)} AS "resolvedOn",
        ${isCounted ? Prisma.sql`(count(*) OVER ())::int` : Prisma.sql`NULL::int`} AS total,
        row_number() OVER (ORDER BY ${orderBy}) AS rank
      FROM "Need" n
      WHERE ${where}
      ORDER BY ${orderBy}
      ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}
    ) l
    JOIN "Household" h ON h.id = l."householdId"
    JOIN "Village" v ON v.id = l."villageId"
    ORDER BY l.rank
  `)

/**
 * How many needs match, and the first `limit` of them as items, in one read on `db` (a batch's
 * reader, to send it with others).
 */
export const needTodos = async (
  db: RawReader,
  { limit }: Pick<TodoArgs, 'limit'>,
  { toItem, ...query }: NeedTodoQuery,
): Promise<TodoSource> => {
  // A row even when only the count is wanted: it carries the count.
  const rows = await needLines(db, query, { limit: Math.max(limit, 1) })
  return { items: rows.slice(0, limit).map(toItem), total: rows[0]?.total ?? 0 }
}

/** Every item of the query, each with its need's village. */
export const needTodosByVillage = async (db: RawReader, { toItem, ...query }: NeedTodoQuery): Promise<ScopedItem[]> =>
  (await needLines(db, query, { limit: null })).map((row) => ({ scope: row.villageId, item: toItem(row) }))
