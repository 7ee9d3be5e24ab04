// The reminder scan: tells cadres and secretaries, through WeChat, what their 待办 holds. Each
// person's items come from the same queries as todo.list (services/todos/), so the message and the
// list never disagree, read for five hundred people at once (reminded-todos.ts). Only those who
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

/**
 * People scanned at once: their items are read together, a few statements a batch. At province
 * scale 500 took 4.4 s where 100 took 6.0 s (each batch's statements read its secretaries'
 * villages again) and 1,000 5.6 s (the households' plan changes); memory is the same for all three,
 * as no batch holds more than its villages' first items.
 */
const PEOPLE_AT_ONCE = 500
/**
 * Messages inserted at once: one statement for thousands, rather than one a batch of people (each
 * statement's round trip and planning cost more than its rows: 66 inserts of a hundred took 2.8 s
 * at province scale).
 */
const MESSAGES_AT_ONCE = 2000

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

type Message = { eventKey: string; userId: string; page: string; data: Record<string, unknown> }

/**
 * Queues messages in one statement, each column one array; a key already queued is skipped (the
 * outbox's unique eventKey), and the count is of those queued. Ids are UUIDv7 as the client's
 * @default(uuid(7)) makes them: the clock's milliseconds, then random bits, version 7, variant 2.
 */
const insertMessages = (db: Tx, templateId: string, messages: readonly Message[]): Promise<number> =>
  db.$executeRaw`
    INSERT INTO "Notice" (id, "eventKey", "userId", "templateId", page, data)
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
             PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
             FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
           m."eventKey", m."userId", ${templateId}, m.page, m.data
    FROM unnest(${messages.map((m) => m.eventKey)}::text[], ${messages.map((m) => m.userId)}::uuid[],
                ${messages.map((m) => m.page)}::text[], ${messages.map((m) => JSON.stringify(m.data))}::jsonb[])
      AS m("eventKey", "userId", page, data)
    ON CONFLICT ("eventKey") DO NOTHING`

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
  let pending: Message[] = []
  const flush = async () => {
    const messages = pending
    pending = []
    if (messages.length) result.queued += await insertMessages(db, template.templateId, messages)
  }
  const people = (await peopleWithGrants(db, template.templateId)).filter((p) => p.available > 0)
  for (let at = 0; at < people.length; at += PEOPLE_AT_ONCE) {
    const batch = people.slice(at, at + PEOPLE_AT_ONCE)
    const available = new Map(batch.map((p) => [p.userId, p.available]))
    const actors = (await loadActors(db, [...available.keys()])).flatMap((actor) => asReminded(actor) ?? [])
    result.people += actors.length
    // What each was already told today (by an earlier run, or one that stopped half way).
    const toldKeys = await db.notice.findMany({
      where: { userId: { in: actors.map((a) => a.userId) }, eventKey: { startsWith: `reminder:${today}:` } },
      select: { eventKey: true, userId: true },
    })
    const told = new Set(toldKeys.map((n) => n.eventKey))
    // Nobody takes more than their grants and what they were already told from the front of their list.
    const toldCount = new Map<string, number>()
    for (const { userId } of toldKeys) toldCount.set(userId, (toldCount.get(userId) ?? 0) + 1)
    const upTo = Math.max(0, ...actors.map(({ userId }) => (available.get(userId) ?? 0) + (toldCount.get(userId) ?? 0)))
    const items = await remindedTodos({ db, actors, today, settings, upTo })
    const messages = actors.flatMap(({ userId }) =>
      (items.get(userId) ?? [])
        .filter((item) => !told.has(reminderKey(today, userId, item)))
        .slice(0, available.get(userId) ?? 0)
        .map((item) => ({
          eventKey: reminderKey(today, userId, item),
          userId,
          page: reminderPage(item.target),
          data: renderFields(template, {
            subject: subjectOf(item),
            due: wechatDay(item.dueOn ?? today),
            tip: '请在小程序“待办”中查看',
          }),
        })),
    )
    pending.push(...messages)
    if (pending.length >= MESSAGES_AT_ONCE) await flush()
  }
  await flush()
  return result
}
