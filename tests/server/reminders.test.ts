// The reminder scan with a controlled clock (services/notices/queue-reminders.ts): cadres and
// secretaries who turned reminders on are queued a WeChat message for each item of their 待办 that
// needs them (needs due or overdue, 回访, visits, 主题党日, 督办), once per item per day, never
// beyond the grants they gave, through the outbox, within WeChat's field rules and without whom
// or what the item concerns.
import { beforeAll, describe, expect, it } from 'vitest'
import { nextDay, shanghaiDate, shanghaiDayStart } from '../../common/dates'
import { parseEnv } from '../../server/env'
import { loadActors } from '../../server/services/auth/actor'
import { queueReminders, REMINDER_KINDS } from '../../server/services/notices/queue-reminders'
import { parseFieldMapping, REMINDER_VALUES } from '../../server/services/notices/templates'
import { listTodos } from '../../server/services/todos/list-todos'
import { remindedTodos } from '../../server/services/todos/reminded-todos'
import { DEFAULT_TODO_SETTINGS } from '../../server/services/todos/todo-settings'
import { householdInput } from '../helpers/factories'
import { TEST_NOTICE_TEMPLATES } from '../helpers/notice-templates'
import { createWorld, type World } from '../helpers/world'

const REMINDER = 'tmpl-reminder-0001'
const templates = {
  ...TEST_NOTICE_TEMPLATES,
  reminder: { templateId: REMINDER, fields: parseFieldMapping('subject=thing1,due=date2,tip=thing3', REMINDER_VALUES) },
}
const DAY_MS = 86_400_000
const start = new Date()
const at = (days: number) => new Date(start.getTime() + days * DAY_MS)
const dayAt = (days: number) => shanghaiDate(at(days))
/** The last moment of day `days` in Shanghai: a later run on the same day, whatever the hour now. */
const lateOn = (days: number) => new Date(shanghaiDayStart(nextDay(dayAt(days))).getTime() - 1)

let world: World
const scanAt = (now: Date) =>
  queueReminders({ db: world.deps.prisma, crypto: world.deps.crypto, log: world.deps.log, templates, now })
const scan = (days: number) => scanAt(at(days))
const grant = (userId: string, n: number) =>
  world.deps.prisma.noticeGrant.createMany({
    data: Array.from({ length: n }, () => ({ userId, templateId: REMINDER })),
  })
const remindersOf = (userId: string) =>
  world.deps.prisma.notice.findMany({ where: { userId, templateId: REMINDER }, orderBy: { eventKey: 'asc' } })

beforeAll(async () => {
  world = await createWorld({ notices: templates })
  const { cadre, secretary, resident, admin } = world.ref.users
  for (const [id, openid] of [
    [cadre.id, 'o-test-cadre'],
    [secretary.id, 'o-test-secretary'],
    [admin.id, 'o-test-admin'],
  ] as const)
    await world.deps.prisma.user.update({ where: { id }, data: { openid } })
  await grant(resident.id, 5)
  await grant(admin.id, 5)
})

describe('the reminder scan', () => {
  it('queues nothing for someone who has not turned reminders on, nor without a reminder template', async () => {
    const need = await world.cadre.need.create({
      householdId: (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id,
      category: 'HOUSING',
      description: '院墙倒塌需要修复',
      dueOn: dayAt(2),
    })
    expect(need.id).toBeTruthy()
    expect(await scan(0)).toMatchObject({ queued: 0 })
    expect(
      await queueReminders({
        db: world.deps.prisma,
        crypto: world.deps.crypto,
        log: world.deps.log,
        templates: TEST_NOTICE_TEMPLATES,
      }),
    ).toEqual({ people: 0, queued: 0 })
    // An administrator's and a resident's grants of the template are not scanned.
    expect(await remindersOf(world.ref.users.admin.id)).toEqual([])
    expect(await remindersOf(world.ref.users.resident.id)).toEqual([])
  })

  it('queues each item once a day, no more than the grants, and again the next day', async () => {
    const { cadre } = world.ref.users
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const need = await world.cadre.need.create({
      householdId: household.id,
      category: 'HOUSING',
      description: '院墙倒塌需要修复',
      dueOn: dayAt(10),
    })
    await grant(cadre.id, 1)
    // Day 0: the most urgent item takes the one grant; the need is not due yet.
    expect(await scan(0)).toMatchObject({ people: 1, queued: 1 })
    expect(await scanAt(lateOn(0))).toMatchObject({ queued: 0 })
    const [first] = await remindersOf(cadre.id)
    expect(first).toMatchObject({
      status: 'PENDING',
      eventKey: expect.stringMatching(`^reminder:${dayAt(0)}:`),
      // A UUIDv7, as the client's own ids (the scan inserts its messages in SQL).
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    })

    await grant(cadre.id, 30)
    await scan(7)
    const onDay7 = (await remindersOf(cadre.id)).filter((n) => n.eventKey.startsWith(`reminder:${dayAt(7)}:`))
    const forNeed = onDay7.filter((n) => n.page === `package-need/detail/index?id=${need.id}`)
    expect(forNeed).toHaveLength(1)
    expect(forNeed[0]?.data).toEqual({
      thing1: { value: '您联系村的诉求即将到期' },
      date2: {
        value: `${Number(dayAt(10).slice(0, 4))}年${Number(dayAt(10).slice(5, 7))}月${Number(dayAt(10).slice(8))}日`,
      },
      thing3: { value: '请在小程序“待办”中查看' },
    })
    // The household's visit is due at day 30 (a 监测对象), listed from day 27.
    expect(onDay7.some((n) => n.page.endsWith(household.id))).toBe(false)
    // Hourly runs the same day add nothing; the next day the need is told again, as overdue later.
    expect(await scanAt(lateOn(7))).toMatchObject({ queued: 0 })
    await scan(11)
    const onDay11 = (await remindersOf(cadre.id)).filter(
      (n) => n.eventKey.startsWith(`reminder:${dayAt(11)}:`) && n.page.endsWith(need.id),
    )
    expect(onDay11.map((n) => (n.data as Record<string, { value: string }>).thing1?.value)).toEqual([
      '您联系村的诉求已逾期',
    ])
    await scan(28)
    expect(
      (await remindersOf(cadre.id)).some((n) => n.page === `package-household/detail/index?id=${household.id}`),
    ).toBe(true)
    // Nothing names the household or the need's content; every field within WeChat's 20 characters.
    for (const notice of await remindersOf(cadre.id)) {
      const text = JSON.stringify(notice.data)
      for (const secret of [household.headName, '院墙', '倒塌']) expect(text).not.toContain(secret)
      for (const { value } of Object.values(notice.data as Record<string, { value: string }>))
        expect(Array.from(value).length).toBeLessThanOrEqual(20)
    }
    // Never more queued than granted.
    const grants = await world.deps.prisma.noticeGrant.count({ where: { userId: cadre.id, templateId: REMINDER } })
    expect((await remindersOf(cadre.id)).length).toBeLessThanOrEqual(grants)
  })

  it('tells a secretary of a month without 主题党日 and a need overdue a week, each once though he is also its cadre', async () => {
    const { secretary } = world.ref.users
    const qianyue = world.ref.villages.qianyue.id
    await world.deps.prisma.membership.create({
      data: { userId: secretary.id, orgId: world.ref.orgs.bureauBranch.id, role: 'CADRE' },
    })
    await world.deps.prisma.cadreVillage.create({
      data: { userId: secretary.id, villageId: qianyue, post: '驻村工作队员' },
    })
    const need = await world.cadre.need.create({
      householdId: (await world.cadre.household.create(householdInput(qianyue))).id,
      category: 'HOUSING',
      description: '屋顶漏雨',
      dueOn: dayAt(1),
    })
    await grant(secretary.id, 50)
    await scan(10)
    const mine = await remindersOf(secretary.id)
    expect(mine.filter((n) => n.page.endsWith(need.id))).toHaveLength(1)
    expect(mine.some((n) => n.page === 'package-activity/form/index')).toBe(true)
    const items = mine.map((n) => n.eventKey.split(':').slice(3).join(':'))
    expect(new Set(items).size).toBe(items.length)
    for (const item of items) expect(REMINDER_KINDS).toContain(item.split(':')[0])
  })

  it('reminds of the very items todo.list shows each person, read for many people at once', async () => {
    const now = at(12)
    // Households last visited on different days, all due by day 12.
    for (const daysAgo of [40, 55, 47, 61, 44]) {
      const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
      await world.cadre.visit.create({
        target: 'HOUSEHOLD',
        householdId: household.id,
        visitedOn: dayAt(-daysAgo),
        goods: [],
        cashFen: 0,
      })
    }
    const ids = [world.ref.users.cadre.id, world.ref.users.secretary.id]
    const actors = await loadActors(world.deps.prisma, ids)
    const batch = await remindedTodos({
      db: world.deps.prisma,
      actors,
      today: shanghaiDate(now),
      settings: DEFAULT_TODO_SETTINGS,
    })
    for (const actor of actors) {
      const ctx = { db: world.deps.prisma, crypto: world.deps.crypto, log: world.deps.log, requestId: 'test', actor }
      const { items } = await listTodos({ ctx, limit: 500, now })
      const listed = items.filter((item) => (REMINDER_KINDS as readonly string[]).includes(item.kind))
      expect(listed.length).toBeGreaterThan(0)
      expect(new Set(batch.get(actor.userId)?.map((item) => item.key))).toEqual(new Set(listed.map((item) => item.key)))
    }
    // Read no further than each person takes (the scan's upTo): the same front of every list.
    const visitsDue = batch.get(world.ref.users.cadre.id)?.filter((item) => item.kind === 'HOUSEHOLD_VISIT_DUE')
    expect(visitsDue?.length).toBeGreaterThan(3)
    for (const upTo of [1, 2, 3]) {
      const front = await remindedTodos({
        db: world.deps.prisma,
        actors,
        today: shanghaiDate(now),
        settings: DEFAULT_TODO_SETTINGS,
        upTo,
      })
      for (const actor of actors)
        expect(front.get(actor.userId)?.slice(0, upTo)).toEqual(batch.get(actor.userId)?.slice(0, upTo))
    }
  })

  it('reads the template and its schedule from configuration', () => {
    const env = parseEnv({ WECHAT_TEMPLATE_REMINDER: REMINDER })
    expect(env.noticeTemplates.reminder).toEqual({
      templateId: REMINDER,
      fields: { thing1: 'subject', date2: 'due', thing3: 'tip' },
    })
    expect(env.reminderScanCron).toBe('0 8-20 * * *')
    expect(parseEnv({ REMINDER_SCAN_SCHEDULE: 'off' }).reminderScanCron).toBeNull()
    expect(() => parseEnv({ WECHAT_TEMPLATE_REMINDER_FIELDS: 'subject=phrase1,due=date2,tip=thing3' })).toThrow(
      /WECHAT_TEMPLATE_REMINDER_FIELDS/,
    )
    expect(parseEnv({}).noticeTemplates.reminder).toBeNull()
  })
})
