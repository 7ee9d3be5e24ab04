// 审计日志 for administrators: the entries newest first, filtered by person, record type and
// period, with the fields an entry changed but never their values; the chain's last check at the
// top, and a check on demand that is itself recorded and logged.
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { CHINESE, failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
  const org = await world.admin.org.create({ name: '审计测试党委', kind: 'PARTY_COMMITTEE', parentId: null })
  await world.admin.org.update({
    id: org.id,
    version: org.version,
    name: '审计测试党委（更名）',
    kind: 'PARTY_COMMITTEE',
  })
  await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id, { headName: '马德林' }))
})

describe('audit.list', () => {
  it('lists entries newest first, naming who did it and which fields changed', async () => {
    const page = await world.admin.audit.list({ limit: 10 })
    expect(page.items[0]).toMatchObject({ action: 'household.create', entityType: 'Household' })
    const rename = page.items.find((e) => e.action === 'org.update')
    expect(rename).toMatchObject({ actor: { displayName: '系统管理员' }, changedFields: ['name'] })
    const ids = page.items.map((e) => BigInt(e.id))
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids)
  })

  it('filters by person, record type and Beijing day, and pages without repeating an entry', async () => {
    const byCadre = await world.admin.audit.list({ actorId: world.ref.users.cadre.id })
    expect(byCadre.items.map((e) => e.action)).toEqual(['household.create'])
    const orgs = await world.admin.audit.list({ entityType: 'Org' })
    expect(orgs.items.map((e) => e.action)).toEqual(['org.update', 'org.create'])
    const today = shanghaiDate()
    expect((await world.admin.audit.list({ from: today, to: today })).items.length).toBeGreaterThanOrEqual(3)
    expect((await world.admin.audit.list({ to: '2000-01-01' })).items).toEqual([])

    const first = await world.admin.audit.list({ limit: 2 })
    const second = await world.admin.audit.list({ limit: 2, cursor: first.nextCursor })
    expect(first.nextCursor).not.toBeNull()
    expect(second.items.map((e) => e.id)).not.toContain(first.items[0]?.id)
  })

  it('refuses a page cursor past the largest entry number the log can hold, as a field error', async () => {
    const failure = await failureOf(world.admin.audit.list({ cursor: '9223372036854775808' }))
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: undefined })
    expect(failure.message).toMatch(CHINESE)
    for (const cursor of ['x', '12a', '9999999999999999999', 'abcdefghijklmnopqrs'])
      expect(await failureOf(world.admin.audit.list({ cursor }))).toMatchObject({ code: 'BAD_REQUEST' })
    // The largest one is a cursor like any other: every entry lies below it.
    const fromTheTop = await world.admin.audit.list({ cursor: '9223372036854775807', limit: 1 })
    expect(fromTheTop.items).toEqual((await world.admin.audit.list({ limit: 1 })).items)
  })

  it('shows no personal data: not the name typed for a household, in any field', async () => {
    const page = await world.admin.audit.list({ entityType: 'Household' })
    expect(JSON.stringify(page)).not.toContain('马德林')
  })

  it('is for administrators only', async () => {
    for (const caller of [world.secretary, world.cadre, world.member, world.resident]) {
      expect(await failureOf(caller.audit.list({}))).toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})

describe('checking the chain', () => {
  it('records each check, shows the latest, and logs who asked', async () => {
    expect(await world.admin.audit.verification()).toBeNull()
    const check = await world.admin.audit.verify()
    expect(check).toMatchObject({ isIntact: true, brokenAtSeq: null, byUserId: world.ref.users.admin.id })
    expect(check?.entriesChecked).toBeGreaterThanOrEqual(3)
    expect(await world.admin.audit.verification()).toEqual(check)
    const logged = await world.admin.audit.list({ entityType: 'AuditVerification' })
    expect(logged.items.map((e) => e.action)).toEqual(['audit.verify'])
  })

  it('names the first broken link when an entry was altered behind the triggers', async () => {
    const victim = await world.deps.prisma.auditLog.findFirstOrThrow({ where: { action: 'org.create' } })
    await world.deps.prisma.$transaction([
      world.deps.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER USER'),
      world.deps.prisma.$executeRaw`UPDATE "AuditLog" SET "action" = 'org.forged' WHERE "id" = ${victim.id}`,
      world.deps.prisma.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER USER'),
    ])
    const check = await world.admin.audit.verify()
    expect(check).toMatchObject({ isIntact: false, brokenAtSeq: victim.chainSeq?.toString(), problem: 'hash' })
  })
})

describe('a one-time password', () => {
  it('refuses every call but who am I, changing it, signing out and the privacy notice, until changed', async () => {
    const { users } = world.ref
    await world.deps.prisma.user.update({ where: { id: users.member.id }, data: { mustChangePassword: true } })
    const member = await world.as(users.member.id)
    const refused = await failureOf(member.activity.list({}))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', appCode: 'PASSWORD_CHANGE_REQUIRED' })
    expect(refused.message).toBe('您正在使用初始密码，请先修改密码再继续使用')
    expect((await member.auth.me()).mustChangePassword).toBe(true)

    await member.auth.changePassword({ currentPassword: 'test-password-2025', newPassword: 'NewPass2026' })
    const changed = await world.as(users.member.id)
    expect((await changed.auth.me()).mustChangePassword).toBe(false)
    expect((await changed.activity.list({})).items).toBeDefined()
  })
})
