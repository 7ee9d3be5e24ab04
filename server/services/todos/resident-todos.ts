// 村民's 待办: their household's needs that someone else moved on (受理, 转交, 办结 and its 回访)
// since they last opened them (unread until opened: opening a need marks it seen, NeedSeen), and
// the handovers to their household still 待签收, until they answer 确认收到 or 有异议 (or sign on a
// cadre's phone).
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateToDateOnly, formatChineseDate, formatShanghaiDateTime } from '../../../common/dates'
import type { NeedStatus } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { AppError } from '../../errors'
import { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import type { ServiceContext } from '../service-context'
import { clip, countAndList, type TodoArgs, type TodoSource } from './todo-source'

/** What the resident is told, by the need's status now. */
const CHANGE_TITLES: Record<NeedStatus, string> = {
  RECEIVED: '干部为您登记了诉求',
  HANDLED_DIRECTLY: '您的诉求正在直接办理',
  TRANSFERRED: '您的诉求已转交责任单位',
  IN_PROGRESS: '您的诉求正在办理',
  RESOLVED: '您的诉求已办结，干部将回访',
  FOLLOWED_UP: '您的诉求已回访',
  REJECTED: '您的诉求不予受理',
}

type ChangedNeedRow = { id: string; description: string; status: NeedStatus; changedAt: Date; total: bigint }

/**
 * Each need's latest step taken by someone else (index NeedEvent(needId, createdAt)), kept when it
 * is newer than the resident's last look.
 */
export const changedNeeds = async ({ ctx, limit }: TodoArgs, householdId: string): Promise<TodoSource> => {
  const userId = ctx.actor.userId
  const rows = await ctx.db.$queryRaw<ChangedNeedRow[]>(Prisma.sql`
    SELECT n.id, n.description, n.status, e."createdAt" AS "changedAt", count(*) OVER () AS total
    FROM "Need" n
    CROSS JOIN LATERAL (
      SELECT ne."createdAt" FROM "NeedEvent" ne
      WHERE ne."needId" = n.id AND ne."actorId" <> ${userId}::uuid
      ORDER BY ne."createdAt" DESC LIMIT 1
    ) e
    LEFT JOIN "NeedSeen" s ON s."needId" = n.id AND s."userId" = ${userId}::uuid
    WHERE n."householdId" = ${householdId}::uuid AND (s."seenAt" IS NULL OR e."createdAt" > s."seenAt")
    ORDER BY e."createdAt" DESC, n.id
    LIMIT ${Math.max(limit, 1)}
  `)
  const items = rows.slice(0, limit).map(
    (row): TTodoItem => ({
      key: `MY_NEED_CHANGED:${row.id}:${row.changedAt.toISOString()}`,
      kind: 'MY_NEED_CHANGED',
      title: CHANGE_TITLES[row.status],
      detail: `${clip(row.description)} · ${formatShanghaiDateTime(row.changedAt)}`,
      dueOn: null,
      isOverdue: false,
      target: { page: 'myNeedDetail', id: row.id },
    }),
  )
  return { items, total: Number(rows[0]?.total ?? 0) }
}

/** Handovers to the household still 待签收, the latest first: each opens 我的发放签收. */
export const pendingHandovers = (args: TodoArgs, householdId: string): Promise<TodoSource> => {
  const where = { householdId, state: 'PENDING', voidedAt: null } as const
  return countAndList(
    args,
    () => args.ctx.db.handover.count({ where }),
    async () => {
      const rows = await args.ctx.db.handover.findMany({
        where,
        select: {
          id: true,
          handedOverOn: true,
          cashFen: true,
          lines: { select: { item: true }, orderBy: { id: 'asc' } },
        },
        orderBy: [{ handedOverOn: 'desc' }, { id: 'asc' }],
        take: args.limit,
      })
      return rows.map(
        (row): TTodoItem => ({
          key: `MY_HANDOVER_PENDING:${row.id}`,
          kind: 'MY_HANDOVER_PENDING',
          title: '请确认是否收到发放的物资和慰问金',
          detail: [
            formatChineseDate(dateToDateOnly(row.handedOverOn)),
            [...row.lines.map((l) => l.item), row.cashFen > 0n ? `慰问金 ${formatFen(toFen(row.cashFen))}` : '']
              .filter(Boolean)
              .join('、'),
          ]
            .filter(Boolean)
            .join(' · '),
          dueOn: null,
          isOverdue: false,
          target: { page: 'myReceipts', id: null },
        }),
      )
    },
  )
}

export const residentTodos = async (args: TodoArgs): Promise<TodoSource[]> => {
  const { actor } = args.ctx
  // A resident's own data is read only once they have agreed to the privacy notice (trpc.ts).
  if (!actor.householdId || !actor.hasAgreedToPrivacy) return []
  return [await changedNeeds(args, actor.householdId), await pendingHandovers(args, actor.householdId)]
}

/**
 * The resident opened the need: what changed on it until `now` is read. Never moves back (two
 * phones opening it at once), one statement, and not audited: it changes no record, only what
 * this person has read.
 */
export const markNeedSeen = async ({
  ctx,
  householdId,
  needId,
  now = new Date(),
}: {
  ctx: ServiceContext
  householdId: string
  needId: string
  now?: Date
}): Promise<{ needId: string; seenAt: Date }> => {
  const written = await ctx.db.$executeRaw(Prisma.sql`
    INSERT INTO "NeedSeen" ("userId", "needId", "seenAt")
    SELECT ${ctx.actor.userId}::uuid, n.id, ${now}
    FROM "Need" n WHERE n.id = ${needId}::uuid AND n."householdId" = ${householdId}::uuid
    ON CONFLICT ("userId", "needId") DO UPDATE SET "seenAt" = GREATEST("NeedSeen"."seenAt", EXCLUDED."seenAt")
  `)
  if (!written) throw new AppError('NOT_FOUND')
  return { needId, seenAt: now }
}
