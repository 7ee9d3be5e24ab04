// 驻村干部's 待办, in the villages they are posted to: open needs due within three days or overdue,
// needs received and not yet taken up, resolved needs waiting for their 回访, and households whose visit cadence has run out.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate, dateToDateOnly, shanghaiDate } from '../../../common/dates'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { Tx } from '../../db/client'
import { Prisma } from '../../generated/prisma/client'
import { type NeedTodoQuery, needTodos, type ScopedItem } from './need-todos'
import { DUE_SOON_DAYS, FOLLOW_UP_WITHIN_DAYS } from './todo-settings'
import { clip, dueText, shiftDay, type TodoArgs, type TodoSource } from './todo-source'

const needLineSelect = {
  id: true,
  description: true,
  dueOn: true,
  resolvedAt: true,
  household: { select: { headName: true } },
} satisfies Prisma.NeedSelect

export const needsDueQuery = (today: string, villageIds: readonly string[]) => {
  const where = {
    villageId: { in: [...villageIds] },
    status: { in: [...OPEN_NEED_STATUSES] },
    dueOn: { lte: dateOnlyToDate(shiftDay(today, DUE_SOON_DAYS)) },
  } satisfies Prisma.NeedWhereInput
  return {
    where,
    select: needLineSelect,
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    toItem: (need): TTodoItem => {
      const dueOn = dateToDateOnly(need.dueOn as Date)
      const isOverdue = dueOn < today
      return {
        key: `NEED_DUE:${need.id}`,
        kind: 'NEED_DUE',
        title: `${isOverdue ? '诉求已逾期' : '诉求即将到期'}：${need.household.headName}`,
        detail: `${clip(need.description)} · ${dueText(dueOn, today)}`,
        dueOn,
        isOverdue,
        target: { page: 'needDetail', id: need.id },
      }
    },
  } satisfies NeedTodoQuery<typeof needLineSelect>
}

export const needsDue = (args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> =>
  needTodos(args, needsDueQuery(args.today, villageIds))

/** Received and not yet taken up; those due soon are NEED_DUE's. */
export const newNeeds = ({ ctx, today, limit }: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> => {
  const where = {
    villageId: { in: [...villageIds] },
    status: 'RECEIVED',
    OR: [{ dueOn: null }, { dueOn: { gt: dateOnlyToDate(shiftDay(today, DUE_SOON_DAYS)) } }],
  } satisfies Prisma.NeedWhereInput
  const select = { ...needLineSelect, createdAt: true }
  return needTodos<typeof select>(
    { ctx, limit },
    {
      where,
      select,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      toItem: (need): TTodoItem => ({
        key: `NEED_NEW:${need.id}`,
        kind: 'NEED_NEW',
        title: `新诉求待办理：${need.household.headName}`,
        detail: `${clip(need.description)} · ${shanghaiDate(need.createdAt)} 受理`,
        dueOn: need.dueOn ? dateToDateOnly(need.dueOn) : null,
        isOverdue: false,
        target: { page: 'needDetail', id: need.id },
      }),
    },
  )
}

export const followUpQuery = (today: string, villageIds: readonly string[]) => {
  const where = { villageId: { in: [...villageIds] }, status: 'RESOLVED' } satisfies Prisma.NeedWhereInput
  return {
    where,
    select: needLineSelect,
    orderBy: [{ resolvedAt: 'asc' }, { id: 'asc' }],
    toItem: (need): TTodoItem => {
      const resolvedOn = need.resolvedAt ? shanghaiDate(need.resolvedAt) : today
      const dueOn = shiftDay(resolvedOn, FOLLOW_UP_WITHIN_DAYS)
      return {
        key: `NEED_FOLLOW_UP:${need.id}`,
        kind: 'NEED_FOLLOW_UP',
        title: `诉求待回访：${need.household.headName}`,
        detail: `${clip(need.description)} · ${resolvedOn} 办结`,
        dueOn,
        isOverdue: dueOn < today,
        target: { page: 'needDetail', id: need.id },
      }
    },
  } satisfies NeedTodoQuery<typeof needLineSelect>
}

export const needsAwaitingFollowUp = (args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> =>
  needTodos(args, followUpQuery(args.today, villageIds))

type VisitDueRow = { id: string; headName: string; lastVisitedOn: Date | null; dueOn: Date; isMonitored: boolean }

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
  db: Tx,
  { today, settings, villageIds, limit, perVillage = null }: VisitDueArgs,
): Promise<{ rows: (VisitDueRow & { villageId: string })[]; total: number }> => {
  // Days as text: a Date would travel as a timestamp, and its date depend on the session's time zone.
  const horizon = shiftDay(today, DUE_SOON_DAYS)
  const monitoredBy = shiftDay(horizon, -settings.visitDaysMonitored)
  const alleviatedBy = shiftDay(horizon, -settings.visitDaysAlleviated)
  const rows = await db.$queryRaw<(VisitDueRow & { villageId: string; total: bigint; rank: unknown })[]>(Prisma.sql`
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
    SELECT * FROM (
      SELECT *, count(*) OVER () AS total,
        ${perVillage === null ? Prisma.sql`1` : Prisma.sql`row_number() OVER (PARTITION BY "villageId" ORDER BY "dueOn", id)`} AS rank
      FROM due WHERE "dueOn" <= ${horizon}::date
    ) ranked
    WHERE rank <= ${perVillage ?? 1}
    ORDER BY "dueOn", id
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${Math.max(limit, 1)}`}
  `)
  return { rows: limit === null ? rows : rows.slice(0, limit), total: Number(rows[0]?.total ?? 0) }
}

const visitDueItem = (row: VisitDueRow, today: string): TTodoItem => {
  const dueOn = dateToDateOnly(row.dueOn)
  const cadence = row.isMonitored ? '监测对象' : '脱贫户'
  const last = row.lastVisitedOn ? `上次走访 ${dateToDateOnly(row.lastVisitedOn)}` : '还没有走访记录'
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

export const householdsDueAVisit = async (args: TodoArgs, villageIds: readonly string[]): Promise<TodoSource> => {
  const { rows, total } = await visitsDue(args.ctx.db, { ...args, villageIds })
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
  const { rows } = await visitsDue(db, { ...args, villageIds, limit: null, perVillage })
  return rows.map((row) => ({ scope: row.villageId, item: visitDueItem(row, args.today) }))
}

export const cadreTodos = async (args: TodoArgs): Promise<TodoSource[]> => {
  const villageIds = args.ctx.actor.cadreVillageIds
  if (!villageIds.length) return []
  // Side by side on the pool: the list waits for the slowest, not for the sum.
  return Promise.all([
    needsDue(args, villageIds),
    newNeeds(args, villageIds),
    needsAwaitingFollowUp(args, villageIds),
    householdsDueAVisit(args, villageIds),
  ])
}
