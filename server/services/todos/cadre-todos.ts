// 驻村干部's 待办, in the villages they are posted to: open needs due within three days or overdue,
// needs received and not yet taken up, resolved needs waiting for their 回访, and households whose visit cadence has run out.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import type { Tx } from '../../db/client'
import { inOneStatement, type RawReader } from '../../db/raw-batch'
import { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
import { inVillages, type NeedTodoQuery, needTodos, OPEN_STATUSES, type ScopedItem } from './need-todos'
import { DUE_SOON_DAYS, FOLLOW_UP_WITHIN_DAYS } from './todo-settings'
import { clip, dueText, shiftDay, type TodoArgs, type TodoSource } from './todo-source'

export const needsDueQuery = (today: string, villageIds: readonly string[]): NeedTodoQuery => ({
  where: Prisma.sql`${inVillages(villageIds)} AND n.status IN (${OPEN_STATUSES})
    AND n."dueOn" <= ${shiftDay(today, DUE_SOON_DAYS)}::date`,
  orderBy: Prisma.sql`n."dueOn", n.id`,
  toItem: (need): TTodoItem => {
    const dueOn = need.dueOn as string
    const isOverdue = dueOn < today
    return {
      key: `NEED_DUE:${need.id}`,
      kind: 'NEED_DUE',
      title: `${isOverdue ? '诉求已逾期' : '诉求即将到期'}：${need.headName}`,
      detail: `${clip(need.description)} · ${dueText(dueOn, today)}`,
      dueOn,
      isOverdue,
      target: { page: 'needDetail', id: need.id },
    }
  },
})

const needsDue = (db: RawReader, args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> =>
  needTodos(db, args, needsDueQuery(args.today, villageIds))

/** Received and not yet taken up; those due soon are NEED_DUE's. */
const newNeeds = (db: RawReader, args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> =>
  needTodos(db, args, {
    where: Prisma.sql`${inVillages(villageIds)} AND n.status = 'RECEIVED'
      AND (n."dueOn" IS NULL OR n."dueOn" > ${shiftDay(args.today, DUE_SOON_DAYS)}::date)`,
    orderBy: Prisma.sql`n."createdAt", n.id`,
    toItem: (need): TTodoItem => ({
      key: `NEED_NEW:${need.id}`,
      kind: 'NEED_NEW',
      title: `新诉求待办理：${need.headName}`,
      detail: `${clip(need.description)} · ${need.createdOn} 受理`,
      dueOn: need.dueOn,
      isOverdue: false,
      target: { page: 'needDetail', id: need.id },
    }),
  })

export const followUpQuery = (today: string, villageIds: readonly string[]): NeedTodoQuery => ({
  where: Prisma.sql`${inVillages(villageIds)} AND n.status = 'RESOLVED'`,
  orderBy: Prisma.sql`n."resolvedAt", n.id`,
  toItem: (need): TTodoItem => {
    const resolvedOn = need.resolvedOn ?? today
    const dueOn = shiftDay(resolvedOn, FOLLOW_UP_WITHIN_DAYS)
    return {
      key: `NEED_FOLLOW_UP:${need.id}`,
      kind: 'NEED_FOLLOW_UP',
      title: `诉求待回访：${need.headName}`,
      detail: `${clip(need.description)} · ${resolvedOn} 办结`,
      dueOn,
      isOverdue: dueOn < today,
      target: { page: 'needDetail', id: need.id },
    }
  },
})

const needsAwaitingFollowUp = (db: RawReader, args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> =>
  needTodos(db, args, followUpQuery(args.today, villageIds))

/** Days as YYYY-MM-DD, made by the query (through a batch's reader, rows come back as JSON). */
type VisitDueRow = { id: string; headName: string; lastVisitedOn: string | null; dueOn: string; isMonitored: boolean }

/**
 * Households due a visit: 监测对象 (脱贫不稳定户, 边缘易致贫户, 突发严重困难户, still monitored) with
 * a risk not yet eliminated every `visitDaysMonitored` days, other 脱贫户 every
 * `visitDaysAlleviated`, counted from the last visit (or from when the household was recorded).
 * The last visit is the household's own column (kept by triggers on Visit), and the index
 * (villageId, category, lastVisitedOn) gives, village by village, the monitored categories'
 * households last visited before the shorter cadence, the others' before the longer one, and
 * those never visited; only those are looked at further. OFFSET 0 keeps whether it is monitored
 * computed once a household (inlined, its EXISTS ran once for each of the four places that read it).
 */
type VisitDueArgs = Pick<TodoArgs, 'today' | 'settings'> & {
  villageIds: readonly string[]
  /** The first this many, most urgent first; null: all of them. */
  limit: number | null
  /** At most this many of each village, the most urgent (the reminder scan); null: all of them. */
  perVillage?: number | null
}

/** The categories that can make a household a 监测对象, as SQL (constants: the index reads them). */
const MONITORED_CATEGORIES = Prisma.raw(`'UNSTABLE_ALLEVIATED', 'MARGINAL', 'SUDDEN_HARDSHIP'`)

const visitsDue = async (
  db: RawReader,
  { today, settings, villageIds, limit, perVillage = null }: VisitDueArgs,
): Promise<{ rows: (VisitDueRow & { villageId: string })[]; total: number }> => {
  // Days as text: a Date would travel as a timestamp, and its date depend on the session's time zone.
  const horizon = shiftDay(today, DUE_SOON_DAYS)
  const monitoredBy = shiftDay(horizon, -settings.visitDaysMonitored)
  const alleviatedBy = shiftDay(horizon, -settings.visitDaysAlleviated)
  const rows = await db.$queryRaw<(VisitDueRow & { villageId: string; total: number })[]>(Prisma.sql`
    WITH due AS (
      SELECT h.id, h."villageId", h."headName", h."lastVisitedOn", m."isMonitored",
        COALESCE(h."lastVisitedOn", (h."createdAt" AT TIME ZONE 'Asia/Shanghai')::date)
          + CASE WHEN m."isMonitored" THEN ${settings.visitDaysMonitored}::int
                 ELSE ${settings.visitDaysAlleviated}::int END AS "dueOn"
      FROM "Household" h
      CROSS JOIN LATERAL (
        SELECT h.category IN (${MONITORED_CATEGORIES})
          AND h."monitoringEndedOn" IS NULL
          AND EXISTS (SELECT 1 FROM "HouseholdRisk" r WHERE r."householdId" = h.id AND NOT r."isEliminated")
          AS "isMonitored"
        OFFSET 0
      ) m
      WHERE h."villageId" = ANY(${[...villageIds]}::uuid[])
        AND (h."lastVisitedOn" IS NULL
          OR (h.category IN (${MONITORED_CATEGORIES}) AND h."lastVisitedOn" <= ${monitoredBy}::date)
          OR h."lastVisitedOn" <= ${alleviatedBy}::date)
        AND h."anonymisedAt" IS NULL
        AND (m."isMonitored" OR h."householdType" = 'POVERTY_ALLEVIATED')
    )
    SELECT id, "villageId", "headName", to_char("lastVisitedOn", 'YYYY-MM-DD') AS "lastVisitedOn", "isMonitored",
      to_char("dueOn", 'YYYY-MM-DD') AS "dueOn", total
    FROM (
      SELECT *, (count(*) OVER ())::int AS total,
        ${perVillage === null ? Prisma.sql`1` : Prisma.sql`row_number() OVER (PARTITION BY "villageId" ORDER BY "dueOn", id)`} AS rank
      FROM due WHERE "dueOn" <= ${horizon}::date
    ) ranked
    WHERE rank <= ${perVillage ?? 1}
    ORDER BY ranked."dueOn", ranked.id
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${Math.max(limit, 1)}`}
  `)
  return { rows: limit === null ? rows : rows.slice(0, limit), total: rows[0]?.total ?? 0 }
}

const visitDueItem = (row: VisitDueRow, today: string): TTodoItem => {
  const { dueOn } = row
  const cadence = row.isMonitored ? '监测对象' : '脱贫户'
  const last = row.lastVisitedOn ? `上次走访 ${row.lastVisitedOn}` : '还没有走访记录'
  return {
    key: `HOUSEHOLD_VISIT_DUE:${row.id}`,
    kind: 'HOUSEHOLD_VISIT_DUE',
    title: `该走访了：${row.headName}`,
    detail: `${cadence} · ${last} · ${dueText(dueOn, today)}`,
    dueOn,
    isOverdue: dueOn < today,
    target: { page: 'householdDetail', id: row.id },
  }
}

const householdsDueAVisit = async (
  db: RawReader,
  args: TodoArgs,
  villageIds: readonly string[],
): Promise<TodoSource> => {
  const { rows, total } = await visitsDue(db, extend(args, { villageIds }))
  return { items: rows.map((row) => visitDueItem(row, args.today)), total }
}

/**
 * The households due a visit in `villageIds`, each with its village (the reminder scan): every one,
 * or the `perVillage` most urgent of each village.
 */
export const householdsDueAVisitByVillage = async (
  db: Tx,
  args: Pick<TodoArgs, 'today' | 'settings'>,
  villageIds: readonly string[],
  perVillage: number | null = null,
): Promise<ScopedItem[]> => {
  if (!villageIds.length) return []
  const { rows } = await visitsDue(db, extend(args, { villageIds, limit: null, perVillage }))
  return rows.map((row) => ({ scope: row.villageId, item: visitDueItem(row, args.today) }))
}

export const cadreTodos = async (args: TodoArgs): Promise<TodoSource[]> => {
  const villageIds = args.ctx.actor.cadreVillageIds
  if (!villageIds.length) return []
  // The four reads as one statement (db/raw-batch.ts): each is a count and a page at once.
  return inOneStatement(args.ctx.db, (reads) =>
    Promise.all([
      needsDue(reads, args, villageIds),
      newNeeds(reads, args, villageIds),
      needsAwaitingFollowUp(reads, args, villageIds),
      householdsDueAVisit(reads, args, villageIds),
    ]),
  )
}
