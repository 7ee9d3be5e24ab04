// The reminder scan: tells cadres and secretaries, through WeChat, what their 待办 holds. Each
// person's items come from the same queries as todo.list (services/todos/), so the message and the
// list never disagree, read for a hundred people at once (reminded-todos.ts). Only those who
// turned reminders on (an unspent grant of the reminder template) are scanned, and each is queued
// at most as many messages as they have grants not already promised to a queued one, most urgent
// first. The outbox's eventKey names the day, the person and the item: one message per person per
// item per day, however often the scan runs, and a run that stopped half way and ran again queues
// nothing twice.
//
// A message says what kind of thing is due and by when, never whom it concerns (no household
// head's name, no need's description): the record opens in the mini-program.
import type { TTodoItem, TTodoKind, TTodoTarget } from '../../../common/contracts/todo/list-todos'
import { shanghaiDate } from '../../../common/dates'
import type { Tx } from '../../db/client'
import type { FieldCrypto } from '../../lib/field-crypto'
import type { Logger } from '../../lib/logger'
import { type Actor, loadActors } from '../auth/actor'
import { remindedTodos } from '../todos/reminded-todos'
import { DEFAULT_TODO_SETTINGS, type TodoSettings } from '../todos/todo-settings'
import { type NoticeTemplates, renderFields } from './templates'
import { wechatDay } from './wechat-fields'

/** The 待办 items a reminder is sent for (not new needs, drafts, nor admins' or residents' items). */
export const REMINDER_KINDS = [
  'NEED_DUE',
  'NEED_FOLLOW_UP',
  'HOUSEHOLD_VISIT_DUE',
  'PARTY_DAY_MISSING',
  'NEED_ESCALATED',
] as const satisfies readonly TTodoKind[]

/** People scanned at once: their items are read together, a few statements a batch. */
const PEOPLE_AT_ONCE = 100

const subjectOf = (item: TTodoItem): string => {
  switch (item.kind) {
    case 'NEED_DUE':
      return item.isOverdue ? '您联系村的诉求已逾期' : '您联系村的诉求即将到期'
    case 'NEED_FOLLOW_UP':
      return '已办结的诉求待回访'
    case 'HOUSEHOLD_VISIT_DUE':
      return '困难户到了走访时间'
    case 'PARTY_DAY_MISSING':
      return '本月还没有开展主题党日'
    default:
      return '逾期诉求需要督办'
  }
}

/** The mini-program page the item opens (src/lib/routes.ts, without its leading slash). */
export const reminderPage = (target: TTodoTarget): string => {
  switch (target.page) {
    case 'needDetail':
      return `package-need/detail/index?id=${target.id}`
    case 'householdDetail':
      return `package-household/detail/index?id=${target.id}`
    case 'activityDetail':
      return `package-activity/detail/index?id=${target.id}`
    case 'activityForm':
      return 'package-activity/form/index'
    default:
      return 'pages/home/index'
  }
}

export const reminderKey = (day: string, userId: string, item: TTodoItem) => `reminder:${day}:${userId}:${item.key}`

export type QueueRemindersOptions = {
  db: Tx
  crypto: FieldCrypto
  log: Logger
  templates: NoticeTemplates | undefined
  settings?: TodoSettings
  /** The clock (tests move it). */
  now?: Date
}

export type QueueRemindersResult = { people: number; queued: number }

/**
 * Each person with reminders on, and how many grants they hold that no queued message will spend;
 * the cadres of a village next to each other, so that a batch reads each village once.
 */
const peopleWithGrants = (db: Tx, templateId: string) =>
  // Grants and queued messages each counted in one pass, not a look at the outbox for each person
  // (its status index, holding every message ever queued, was read whole for each of them).
  db.$queryRaw<{ userId: string; available: number }[]>`
    WITH grants AS MATERIALIZED (
      SELECT g."userId", count(*) AS granted FROM "NoticeGrant" g
      WHERE g."templateId" = ${templateId} AND g."spentAt" IS NULL
      GROUP BY g."userId"
    ), queued AS MATERIALIZED (
      SELECT n."userId", count(*) AS queued FROM "Notice" n
      WHERE n."templateId" = ${templateId} AND n.status IN ('PENDING', 'SENDING')
      GROUP BY n."userId"
    )
    SELECT g."userId", (g.granted - COALESCE(q.queued, 0))::int AS available
    FROM grants g
    JOIN "User" u ON u.id = g."userId" AND u."isActive" AND u.openid IS NOT NULL
    LEFT JOIN queued q ON q."userId" = g."userId"
    ORDER BY (SELECT min(c."villageId"::text) FROM "CadreVillage" c WHERE c."userId" = g."userId") NULLS LAST, g."userId"`

/** The person as a cadre and secretary only: an admin's or resident's items are not reminded. */
const asReminded = (actor: Actor): Actor | null => {
  const roles = actor.roles.filter((role) => role === 'CADRE' || role === 'SECRETARY')
  return roles.length ? { ...actor, roles } : null
}

export const queueReminders = async ({
  db,
  templates,
  settings = DEFAULT_TODO_SETTINGS,
  now = new Date(),
}: QueueRemindersOptions): Promise<QueueRemindersResult> => {
  const template = templates?.reminder
  const result: QueueRemindersResult = { people: 0, queued: 0 }
  if (!template) return result
  const today = shanghaiDate(now)
  const people = (await peopleWithGrants(db, template.templateId)).filter((p) => p.available > 0)
  for (let at = 0; at < people.length; at += PEOPLE_AT_ONCE) {
    const batch = people.slice(at, at + PEOPLE_AT_ONCE)
    const available = new Map(batch.map((p) => [p.userId, p.available]))
    const actors = (await loadActors(db, [...available.keys()])).flatMap((actor) => asReminded(actor) ?? [])
    result.people += actors.length
    const items = await remindedTodos({ db, actors, today, settings })
    // What each was already told today (by an earlier run, or one that stopped half way).
    const told = new Set(
      (
        await db.notice.findMany({
          where: { userId: { in: actors.map((a) => a.userId) }, eventKey: { startsWith: `reminder:${today}:` } },
          select: { eventKey: true },
        })
      ).map((n) => n.eventKey),
    )
    const data = actors.flatMap(({ userId }) =>
      (items.get(userId) ?? [])
        .filter((item) => !told.has(reminderKey(today, userId, item)))
        .slice(0, available.get(userId) ?? 0)
        .map((item) => ({
          eventKey: reminderKey(today, userId, item),
          userId,
          templateId: template.templateId,
          page: reminderPage(item.target),
          data: renderFields(template, {
            subject: subjectOf(item),
            due: wechatDay(item.dueOn ?? today),
            tip: '请在小程序“待办”中查看',
          }),
        })),
    )
    if (data.length) result.queued += (await db.notice.createMany({ skipDuplicates: true, data })).count
  }
  return result
}
