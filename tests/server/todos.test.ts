// 待办 with a controlled clock: each item appears and disappears at the moment the records say,
// for each role, and the count agrees with the list.
import { beforeAll, describe, expect, it } from 'vitest'
import type { TTodoItem, TTodoKind } from '../../common/contracts/todo/list-todos'
import { shanghaiDate } from '../../common/dates'
import { countTodos, listTodos } from '../../server/services/todos/list-todos'
import { failureOf } from '../helpers/errors'
import { activityInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

const DAY_MS = 86_400_000
let world: World
const start = new Date()

/** The instant `days` days from the test's start, and its calendar day. */
const at = (days: number) => new Date(start.getTime() + days * DAY_MS)
const dayAt = (days: number) => shanghaiDate(at(days))

const todosOf = async (userId: string, days = 0) =>
  listTodos({ ctx: await world.serviceContextAs(userId), limit: 100, now: at(days) })

const itemFor = async (userId: string, days: number, kind: TTodoKind, id: string | null) =>
  (await todosOf(userId, days)).items.find((item) => item.kind === kind && (id === null || item.target.id === id))

const kindsFor = async (userId: string, days = 0) => (await todosOf(userId, days)).items.map((i) => i.kind)

beforeAll(async () => {
  world = await createWorld()
})

const newHousehold = async (overrides: Parameters<typeof householdInput>[1] = {}) =>
  (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id, overrides))).id

const newNeed = async (householdId: string, dueOn: string | null) =>
  world.cadre.need.create({
    householdId,
    category: 'HOUSING',
    description: '院墙倒塌需要修复',
    urgency: 'URGENT',
    dueOn,
  })

describe('a cadre’s 待办', () => {
  it('lists a need three days before it is due, marks it overdue after, and drops it once resolved', async () => {
    const { cadre, otherCadre } = world.ref.users
    const householdId = await newHousehold()
    let need = await newNeed(householdId, dayAt(10))
    expect(await itemFor(cadre.id, 6, 'NEED_DUE', need.id)).toBeUndefined()
    expect(await itemFor(cadre.id, 7, 'NEED_DUE', need.id)).toMatchObject({
      isOverdue: false,
      dueOn: dayAt(10),
      title: expect.stringContaining('诉求即将到期'),
      detail: expect.stringContaining('还有 3 天到期'),
      target: { page: 'needDetail', id: need.id },
    })
    expect(await itemFor(cadre.id, 11, 'NEED_DUE', need.id)).toMatchObject({ isOverdue: true })
    // Not in another village's cadre's list.
    expect(await itemFor(otherCadre.id, 11, 'NEED_DUE', need.id)).toBeUndefined()

    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'RESOLVED', note: '已修复' })
    expect(await itemFor(cadre.id, 11, 'NEED_DUE', need.id)).toBeUndefined()
    // Resolved: waiting for its 回访, due within a week of resolution.
    expect(await itemFor(cadre.id, 0, 'NEED_FOLLOW_UP', need.id)).toMatchObject({ isOverdue: false, dueOn: dayAt(7) })
    expect(await itemFor(cadre.id, 8, 'NEED_FOLLOW_UP', need.id)).toMatchObject({ isOverdue: true })
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'FOLLOWED_UP', satisfaction: 5 })
    expect(await itemFor(cadre.id, 8, 'NEED_FOLLOW_UP', need.id)).toBeUndefined()
  })

  it('lists a need received with no deadline near until the cadre takes it up', async () => {
    const { cadre } = world.ref.users
    let need = await newNeed(await newHousehold(), null)
    expect(await itemFor(cadre.id, 0, 'NEED_NEW', need.id)).toMatchObject({
      title: expect.stringContaining('新诉求待办理'),
      dueOn: null,
      target: { page: 'needDetail', id: need.id },
    })
    const later = await newNeed(await newHousehold(), dayAt(20))
    expect(await itemFor(cadre.id, 0, 'NEED_NEW', later.id)).toMatchObject({ dueOn: dayAt(20) })
    // Once due within three days it is NEED_DUE's, listed once.
    const due = (await todosOf(cadre.id, 17)).items.filter((i) => i.target.id === later.id)
    expect(due.map((i) => i.kind)).toEqual(['NEED_DUE'])
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
    expect(await itemFor(cadre.id, 0, 'NEED_NEW', need.id)).toBeUndefined()
  })

  it('asks for a visit to a 监测对象 every 30 days and to another 脱贫户 every 90, from the last visit', async () => {
    const { cadre } = world.ref.users
    const monitored = await newHousehold()
    const alleviated = await newHousehold({ category: 'OTHER', risks: [] })
    const ordinary = await newHousehold({ householdType: 'ORDINARY', category: 'OTHER', risks: [] })
    expect(await itemFor(cadre.id, 26, 'HOUSEHOLD_VISIT_DUE', monitored)).toBeUndefined()
    expect(await itemFor(cadre.id, 27, 'HOUSEHOLD_VISIT_DUE', monitored)).toMatchObject({
      dueOn: dayAt(30),
      isOverdue: false,
      detail: expect.stringContaining('还没有走访记录'),
      target: { page: 'householdDetail', id: monitored },
    })
    expect(await itemFor(cadre.id, 31, 'HOUSEHOLD_VISIT_DUE', monitored)).toMatchObject({ isOverdue: true })
    expect(await itemFor(cadre.id, 86, 'HOUSEHOLD_VISIT_DUE', alleviated)).toBeUndefined()
    expect(await itemFor(cadre.id, 88, 'HOUSEHOLD_VISIT_DUE', alleviated)).toMatchObject({ dueOn: dayAt(90) })
    expect(await itemFor(cadre.id, 400, 'HOUSEHOLD_VISIT_DUE', ordinary)).toBeUndefined()

    // A visit on day 29 puts the next one 30 days later.
    await world.cadre.visit.create({ target: 'HOUSEHOLD', householdId: monitored, visitedOn: dayAt(29) })
    expect(await itemFor(cadre.id, 31, 'HOUSEHOLD_VISIT_DUE', monitored)).toBeUndefined()
    expect(await itemFor(cadre.id, 56, 'HOUSEHOLD_VISIT_DUE', monitored)).toMatchObject({
      dueOn: dayAt(59),
      detail: expect.stringContaining(`上次走访 ${dayAt(29)}`),
    })
  })

  it('puts the most urgent first, and counts what it lists', async () => {
    const { cadre } = world.ref.users
    const list = await todosOf(cadre.id, 40)
    const overdue = list.items.filter((i) => i.isOverdue)
    expect(list.items.slice(0, overdue.length)).toEqual(overdue)
    const dues = overdue.map((i) => i.dueOn ?? '')
    expect(dues).toEqual([...dues].sort())
    const { total } = await countTodos({ ctx: await world.serviceContextAs(cadre.id), now: at(40) })
    expect(total).toBe(list.total)
    expect(total).toBe(list.items.length)
  })
})

describe('a secretary’s 待办', () => {
  it('asks for this month’s 主题党日 until one is recorded, and again next month', async () => {
    const { secretary } = world.ref.users
    const branch = world.ref.orgs.bureauBranch
    const missing = (items: TTodoItem[]) =>
      items.find((i) => i.kind === 'PARTY_DAY_MISSING' && i.title.includes(branch.name))
    expect(missing((await todosOf(secretary.id)).items)).toMatchObject({
      target: { page: 'activityForm', id: null },
      isOverdue: false,
    })
    await world.secretary.activity.create(
      activityInput(branch.id, { heldOn: dayAt(0), villageId: world.ref.villages.qianyue.id }),
    )
    expect(missing((await todosOf(secretary.id)).items)).toBeUndefined()
    expect(missing((await todosOf(secretary.id, 32)).items)).toBeDefined()
  })

  it('lists a draft left for more than seven days', async () => {
    const { secretary } = world.ref.users
    const draft = await world.secretary.activity.create(
      activityInput(world.ref.orgs.bureauBranch.id, { heldOn: dayAt(0), status: 'DRAFT', theme: '未完成的草稿' }),
    )
    expect(await itemFor(secretary.id, 6, 'ACTIVITY_DRAFT', draft.id)).toBeUndefined()
    expect(await itemFor(secretary.id, 8, 'ACTIVITY_DRAFT', draft.id)).toMatchObject({
      title: '草稿未发布：未完成的草稿',
      target: { page: 'activityDetail', id: draft.id },
    })
  })

  it('escalates a need overdue more than 7 days in a paired village to the secretary, after 14 to admins', async () => {
    const { secretary, admin, cadre } = world.ref.users
    const need = await newNeed(await newHousehold(), dayAt(0))
    expect(await itemFor(secretary.id, 7, 'NEED_ESCALATED', need.id)).toBeUndefined()
    expect(await itemFor(secretary.id, 8, 'NEED_ESCALATED', need.id)).toMatchObject({
      title: '督办：前跃村诉求逾期 8 天',
      target: { page: 'needDetail', id: need.id },
    })
    expect(await itemFor(admin.id, 14, 'NEED_ESCALATED', need.id)).toBeUndefined()
    expect(await itemFor(admin.id, 15, 'NEED_ESCALATED', need.id)).toBeDefined()
    // The cadre of the village is not escalated to: it is his own overdue need.
    expect(await itemFor(cadre.id, 15, 'NEED_ESCALATED', need.id)).toBeUndefined()
    // A 党员 handles no needs: nothing to do.
    expect(await kindsFor(world.ref.users.member.id, 15)).toEqual([])
    await world.cadre.need.transition({ id: need.id, version: need.version, to: 'REJECTED', note: '重复登记' })
    expect(await itemFor(secretary.id, 15, 'NEED_ESCALATED', need.id)).toBeUndefined()
    expect(await itemFor(admin.id, 15, 'NEED_ESCALATED', need.id)).toBeUndefined()
  })
})

describe('an administrator’s 待办', () => {
  it('shows a failed audit check until a later check passes', async () => {
    const { admin } = world.ref.users
    expect(await itemFor(admin.id, 0, 'AUDIT_CHAIN_BROKEN', null)).toBeUndefined()
    await world.deps.prisma.auditVerification.create({
      data: { isIntact: false, entriesChecked: 10, brokenAtSeq: 7n, problem: 'hash' },
    })
    expect(await itemFor(admin.id, 0, 'AUDIT_CHAIN_BROKEN', null)).toMatchObject({
      title: '审计日志校验未通过',
      detail: expect.stringContaining('第 7 条起链条断裂'),
      target: { page: 'auditLog', id: null },
    })
    // Only administrators are told.
    expect(await kindsFor(world.ref.users.secretary.id)).not.toContain('AUDIT_CHAIN_BROKEN')
    await world.admin.audit.verify()
    expect(await itemFor(admin.id, 0, 'AUDIT_CHAIN_BROKEN', null)).toBeUndefined()
  })

  it('shows an overdue backup two days after the last good one', async () => {
    const { admin } = world.ref.users
    const db = world.deps.prisma
    // A new ledger: nothing is overdue before it is two days old.
    expect(await itemFor(admin.id, 1, 'BACKUP_OVERDUE', null)).toBeUndefined()
    expect(await itemFor(admin.id, 3, 'BACKUP_OVERDUE', null)).toMatchObject({
      detail: '还没有成功的备份',
      target: { page: 'admin', id: null },
    })
    await db.backupRun.create({
      data: { trigger: 'SCHEDULE', status: 'SUCCEEDED', startedAt: at(2.5), finishedAt: at(2.5) },
    })
    expect(await itemFor(admin.id, 3, 'BACKUP_OVERDUE', null)).toBeUndefined()
    expect(await itemFor(admin.id, 4.4, 'BACKUP_OVERDUE', null)).toBeUndefined()
    expect(await itemFor(admin.id, 4.6, 'BACKUP_OVERDUE', null)).toMatchObject({ isOverdue: true })
    // A failed run does not count as good.
    await db.backupRun.create({ data: { trigger: 'SCHEDULE', status: 'FAILED', startedAt: at(4), error: 'disk full' } })
    expect(await itemFor(admin.id, 4.6, 'BACKUP_OVERDUE', null)).toBeDefined()
    expect(await kindsFor(world.ref.users.cadre.id, 4.6)).not.toContain('BACKUP_OVERDUE')
  })
})

describe('a resident’s 待办', () => {
  it('shows each change others make to their needs until they open the need', async () => {
    const { resident } = world.ref.users
    const householdId = await newHousehold()
    await world.deps.prisma.user.update({ where: { id: resident.id }, data: { householdId } })
    const residentCaller = await world.as(resident.id)
    const submitted = await residentCaller.resident.submitNeed({
      category: 'MEDICAL',
      description: '需要协助办理慢病卡',
    })
    // Their own step is no news to them.
    expect(await kindsFor(resident.id)).toEqual([])

    let need = await world.cadre.need.byId({ id: submitted.id })
    need = await world.cadre.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })
    expect(await itemFor(resident.id, 0, 'MY_NEED_CHANGED', need.id)).toMatchObject({
      title: '您的诉求正在直接办理',
      target: { page: 'myNeedDetail', id: need.id },
    })
    expect((await residentCaller.todo.count()).total).toBe(1)

    await residentCaller.todo.markNeedSeen({ needId: need.id })
    expect(await kindsFor(resident.id)).toEqual([])
    // Marking twice is harmless.
    await residentCaller.todo.markNeedSeen({ needId: need.id })

    need = await world.cadre.need.transition({
      id: need.id,
      version: need.version,
      to: 'RESOLVED',
      note: '已办好慢病卡',
    })
    expect(await itemFor(resident.id, 0, 'MY_NEED_CHANGED', need.id)).toMatchObject({
      title: '您的诉求已办结，干部将回访',
    })
    expect((await residentCaller.todo.list({})).items.map((i) => i.kind)).toEqual(['MY_NEED_CHANGED'])
  })

  it('lists each handover to their household still 待签收, until it is answered or signed', async () => {
    const { resident } = world.ref.users
    const householdId = await newHousehold()
    await world.deps.prisma.user.update({ where: { id: resident.id }, data: { householdId } })
    const residentCaller = await world.as(resident.id)
    const handOver = () =>
      world.cadre.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId,
        handedOverOn: '2025-01-23',
        cashFen: 50_000,
        goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }],
      })
    const [first, second] = [await handOver(), await handOver()]
    const item = await itemFor(resident.id, 0, 'MY_HANDOVER_PENDING', null)
    expect(item).toMatchObject({
      key: expect.stringMatching(/^MY_HANDOVER_PENDING:/),
      title: '请确认是否收到发放的物资和慰问金',
      detail: '2025年1月23日 · 大米、慰问金 ¥500.00',
      target: { page: 'myReceipts', id: null },
    })
    expect((await todosOf(resident.id)).items.filter((i) => i.kind === 'MY_HANDOVER_PENDING')).toHaveLength(2)
    await residentCaller.handover.confirm({ id: first.id, answer: 'RECEIVED' })
    await world.cadre.handover.void({ id: second.id, version: second.version, reason: '登记错了' })
    expect(await kindsFor(resident.id)).toEqual([])
  })

  it('refuses to mark another household’s need', async () => {
    const residentCaller = await world.as(world.ref.users.resident.id)
    const other = await newNeed(await newHousehold(), null)
    expect(await failureOf(residentCaller.todo.markNeedSeen({ needId: other.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await failureOf(world.cadre.todo.markNeedSeen({ needId: other.id }))).toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('a person with two roles', () => {
  it('lists each item once, and counts what it lists, as cadre and secretary, and as admin and secretary', async () => {
    const { secretary, admin } = world.ref.users
    const { qianyue } = world.ref.villages
    const branch = world.ref.orgs.bureauBranch.id
    const need = await newNeed(await newHousehold(), dayAt(0))
    // The secretary is also 前跃村's cadre; the administrator also the branch's secretary.
    await world.deps.prisma.membership.createMany({
      data: [
        { userId: secretary.id, orgId: branch, role: 'CADRE' },
        { userId: admin.id, orgId: branch, role: 'SECRETARY' },
      ],
    })
    await world.deps.prisma.cadreVillage.create({
      data: { userId: secretary.id, villageId: qianyue.id, post: '工作队员' },
    })
    for (const userId of [secretary.id, admin.id]) {
      const ctx = await world.serviceContextAs(userId)
      const list = await listTodos({ ctx, limit: 100, now: at(15) })
      const records = list.items.map((item) => `${item.target.page}:${item.target.id ?? item.key}`)
      expect(new Set(records).size).toBe(records.length)
      expect(list.items.filter((item) => item.target.id === need.id)).toHaveLength(1)
      expect(list.total).toBe(list.items.length)
      expect(await countTodos({ ctx, now: at(15) })).toEqual({ total: list.total })
    }
    // As the village's cadre, the secretary has it as his own overdue need.
    expect(await itemFor(secretary.id, 15, 'NEED_DUE', need.id)).toMatchObject({ isOverdue: true })
    expect(await itemFor(admin.id, 15, 'NEED_ESCALATED', need.id)).toMatchObject({
      title: '督办：前跃村诉求逾期 15 天',
    })
  })
})
