// 管理 → 人员 (user.*): who sees and manages which account, accounts made with a one-time password,
// roles and 驻村 posts as periods, deactivation that ends every session at once, password resets,
// lockouts lifted, WeChat unbound. Real procedures on a real database, and real HTTP where a
// session's token matters. Every refusal is checked for its status, code and Chinese message, and
// for having written nothing.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TCreateUserRequest } from '../../common/contracts/user/create-user'
import { nextDay, shanghaiDate } from '../../common/dates'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import type { Caller } from '../../server/caller'
import { AppError } from '../../server/errors'
import { liveOn } from '../../server/services/auth/periods'
import { CHINESE, failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { apiClient, appCodeOf, serveWorld, signIn } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'

let world: World
let baseUrl: string

beforeAll(async () => {
  world = await createWorld()
  baseUrl = (await serveWorld(world, [])).baseUrl
})

const today = () => shanghaiDate()

const client = (token?: string) => apiClient(baseUrl, token)

/** The app code of an in-process call's refusal, or OK. */
const outcomeOf = (call: Promise<unknown>) =>
  failureOf(call).then(
    (f) => f.appCode ?? f.code,
    () => 'OK',
  )

const login = (phone: string, password?: string) => signIn(baseUrl, phone, password)

/** What a refused call must have left as it was. */
const counts = async () => {
  const { prisma } = world.deps
  return {
    users: await prisma.user.count(),
    memberships: await prisma.membership.findMany({ select: { id: true, endedOn: true }, orderBy: { id: 'asc' } }),
    posts: await prisma.cadreVillage.findMany({ select: { id: true, endedOn: true }, orderBy: { id: 'asc' } }),
    accounts: await prisma.user.findMany({
      select: { id: true, displayName: true, phone: true, isActive: true, version: true, passwordHash: true },
      orderBy: { id: 'asc' },
    }),
    invitations: await prisma.invitation.count(),
    liveSessions: await prisma.session.count({ where: { revokedAt: null } }),
    audit: await prisma.auditLog.count(),
  }
}

/** Runs a call that must be refused with `status` and `appCode`, in Chinese, writing nothing. */
const expectRefused = async (
  call: () => Promise<unknown>,
  { status, appCode, field }: { status: number; appCode: string; field?: string },
) => {
  const before = await counts()
  const failure = await failureOf(call())
  const isValidation = Array.isArray((failure.cause as { issues?: unknown } | null)?.issues)
  expect({
    status: failure.httpStatus,
    appCode: failure.appCode ?? (isValidation ? 'VALIDATION_FAILED' : failure.code),
  }).toEqual({
    status,
    appCode,
  })
  expect(failure.message).toMatch(CHINESE)
  if (field) {
    const fieldErrors =
      failure.cause instanceof AppError
        ? failure.cause.fieldErrors
        : Object.fromEntries(
            ((failure.cause as { issues?: { path: PropertyKey[]; message: string }[] })?.issues ?? []).map((i) => [
              i.path.join('.'),
              [i.message],
            ]),
          )
    expect(Object.keys(fieldErrors ?? {})).toContain(field)
    for (const message of Object.values(fieldErrors ?? {}).flat()) expect(message).toMatch(CHINESE)
  }
  expect(await counts()).toEqual(before)
  return failure
}

let phoneSerial = 0
const newPhone = () => `1390${String(Date.now() % 10_000).padStart(4, '0')}${String(phoneSerial++).padStart(3, '0')}`

const memberInput = (orgId: string, overrides: Partial<TCreateUserRequest> = {}): TCreateUserRequest => ({
  displayName: `测试党员${phoneSerial}`,
  phone: newPhone(),
  roles: [{ orgId, role: 'MEMBER', title: '党员' }],
  posts: [],
  ...overrides,
})

/** An account made by the admin, signed in through a caller that has changed its one-time password. */
const staffAccount = async (input: TCreateUserRequest) => {
  const { user } = await world.admin.user.create(input)
  await world.deps.prisma.user.update({ where: { id: user.id }, data: { mustChangePassword: false } })
  return { user, caller: await world.as(user.id) }
}

describe('user.list', () => {
  it('shows an administrator every staff account by name, page by page, with roles, posts and phones', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<Caller['user']['list']>> = await world.admin.user.list({ limit: 2, cursor })
      seen.push(...page.items.map((u) => u.displayName))
      cursor = page.nextCursor
    } while (cursor)
    const staff = ['admin', 'secretary', 'cadre', 'member', 'otherCadre'] as const
    expect(seen).toEqual(staff.map((k) => DEMO_ACCOUNTS[k].displayName).sort())
    // 村民 are not staff: their accounts come from binding a household.
    expect(seen).not.toContain(DEMO_ACCOUNTS.resident.displayName)

    const { items } = await world.admin.user.list({ search: DEMO_ACCOUNTS.cadre.displayName })
    expect(items).toEqual([
      {
        id: world.ref.users.cadre.id,
        displayName: DEMO_ACCOUNTS.cadre.displayName,
        phone: DEMO_ACCOUNTS.cadre.phone,
        isPhoneMasked: false,
        roles: [
          {
            role: 'CADRE',
            title: '驻村第一书记',
            org: { id: world.ref.orgs.bureauBranch.id, name: world.ref.orgs.bureauBranch.name },
          },
        ],
        posts: [{ post: '第一书记', village: { id: world.ref.villages.qianyue.id, name: '前跃村' } }],
        isActive: true,
        hasWechat: false,
        isLocked: false,
        canManage: true,
      },
    ])
  })

  it('finds people by the start of a name or by phone digits, and takes LIKE wildcards literally', async () => {
    const names = async (search: string) =>
      (await world.admin.user.list({ search })).items.map((u) => u.displayName).sort()
    expect(await names('王')).toEqual([DEMO_ACCOUNTS.secretary.displayName])
    expect(await names('建国')).toEqual([])
    expect(await names(DEMO_ACCOUNTS.member.phone)).toEqual([DEMO_ACCOUNTS.member.displayName])
    expect(await names('1380000000')).toEqual(
      (['admin', 'secretary', 'cadre', 'member', 'otherCadre'] as const)
        .map((k) => DEMO_ACCOUNTS[k].displayName)
        .sort(),
    )
    expect(await names('%')).toEqual([])
    expect(await names('_')).toEqual([])
    expect(await names('138000000011')).toEqual([])
  })

  it('filters by org (and the orgs below it), by role and by status', async () => {
    const { orgs } = world.ref
    const names = async (input: Parameters<Caller['user']['list']>[0]) =>
      (await world.admin.user.list(input)).items.map((u) => u.displayName).sort()
    expect(await names({ orgId: orgs.township.id })).toEqual([DEMO_ACCOUNTS.otherCadre.displayName])
    expect(await names({ orgId: orgs.bureauCommittee.id, role: 'MEMBER' })).toEqual([DEMO_ACCOUNTS.member.displayName])
    expect(await names({ role: 'CADRE' })).toEqual(
      [DEMO_ACCOUNTS.cadre.displayName, DEMO_ACCOUNTS.otherCadre.displayName].sort(),
    )
    expect(await names({ status: 'INACTIVE' })).toEqual([])
  })

  it('shows a 支部书记 the people with a live role in his subtree; phones in full only of those he manages', async () => {
    const { items } = await world.secretary.user.list({})
    const byName = Object.fromEntries(items.map((u) => [u.displayName, u]))
    expect(Object.keys(byName).sort()).toEqual(
      [DEMO_ACCOUNTS.secretary.displayName, DEMO_ACCOUNTS.cadre.displayName, DEMO_ACCOUNTS.member.displayName].sort(),
    )
    expect(byName[DEMO_ACCOUNTS.member.displayName]).toMatchObject({
      phone: DEMO_ACCOUNTS.member.phone,
      isPhoneMasked: false,
      canManage: true,
    })
    // A cadre (驻村 post) and the secretary himself are the administrators' to manage.
    expect(byName[DEMO_ACCOUNTS.cadre.displayName]).toMatchObject({
      phone: '138****0003',
      isPhoneMasked: true,
      canManage: false,
    })
    expect(byName[DEMO_ACCOUNTS.secretary.displayName]).toMatchObject({ canManage: false })
    // An org outside his subtree narrows to nothing.
    expect((await world.secretary.user.list({ orgId: world.ref.orgs.township.id })).items).toEqual([])
  })

  it('is for administrators and 支部书记 only', async () => {
    for (const caller of [world.cadre, world.member, world.otherCadre, world.resident]) {
      const failure = await failureOf(caller.user.list({}))
      expect({ status: failure.httpStatus, appCode: failure.appCode }).toEqual({ status: 403, appCode: 'FORBIDDEN' })
      expect(failure.message).toMatch(CHINESE)
    }
    expect((await failureOf(world.anonymous.user.list({}))).httpStatus).toBe(401)
  })
})

describe('user.create', () => {
  it('makes an account with roles and posts, and a one-time password shown once, to be changed first', async () => {
    const { orgs, villages } = world.ref
    const phone = newPhone()
    const result = await world.admin.user.create({
      displayName: '周新',
      phone,
      roles: [
        { orgId: orgs.bureauBranch.id, role: 'CADRE', title: '驻村工作队员', startedOn: '2026-01-05' },
        { orgId: orgs.bureauBranch.id, role: 'MEMBER', title: '党员' },
      ],
      posts: [
        { villageId: villages.shangtan.id, post: '驻村工作队员', startedOn: '2026-01-05', endedOn: '2028-01-05' },
      ],
    })
    const password = result.oneTimePassword
    expect(password).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{10}$/)
    expect(password).toMatch(/[A-Za-z]/)
    expect(password).toMatch(/\d/)
    expect(result.user).toMatchObject({
      displayName: '周新',
      phone,
      isActive: true,
      hasWechat: false,
      hasPassword: true,
      mustChangePassword: true,
      canManage: true,
      invitations: [],
    })
    expect(result.user.roles.map((r) => [r.role, r.title, r.startedOn, r.endedOn, r.isCurrent])).toEqual([
      ['MEMBER', '党员', today(), null, true],
      ['CADRE', '驻村工作队员', '2026-01-05', null, true],
    ])
    expect(result.user.posts).toEqual([
      expect.objectContaining({
        post: '驻村工作队员',
        village: expect.objectContaining({ id: villages.shangtan.id, name: '上滩村' }),
        startedOn: '2026-01-05',
        endedOn: '2028-01-05',
      }),
    ])
    // Stored hashed only, and nowhere in the audit trail.
    const stored = await world.deps.prisma.user.findUniqueOrThrow({ where: { id: result.user.id } })
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/)
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'user.create', entityId: result.user.id },
    })
    expect(audit.actorId).toBe(world.ref.users.admin.id)
    const trail = JSON.stringify([audit.before, audit.after])
    expect(trail).not.toContain(password)
    expect(trail).not.toContain(phone)
    expect(trail).not.toContain('周新')

    // Signed in with it, nothing but changing it is allowed.
    const { token, user } = await login(phone, password)
    expect(user).toMatchObject({ mustChangePassword: true, roles: expect.arrayContaining(['CADRE', 'MEMBER']) })
    expect(await appCodeOf(client(token).village.list.query())).toBe('PASSWORD_CHANGE_REQUIRED')
    await client(token).auth.changePassword.mutate({ currentPassword: password, newPassword: 'MyOwnPassw0rd' })
    expect((await client(token).village.list.query()).map((v) => v.name)).toContain('上滩村')
  })

  it('answers a retry with the same key with the first answer, password included, and makes one account', async () => {
    const input = { ...memberInput(world.ref.orgs.bureauBranch.id), clientMutationId: randomUUID() }
    const first = await world.admin.user.create(input)
    const users = await world.deps.prisma.user.count()
    const retry = await world.admin.user.create(input)
    expect(retry).toEqual(first)
    expect(await world.deps.prisma.user.count()).toBe(users)
  })

  it('lets a 支部书记 add 党员 to the orgs of his subtree, and nothing else', async () => {
    const { orgs, villages } = world.ref
    const created = await world.secretary.user.create(memberInput(orgs.bureauBranch.id, { displayName: '吴晓梅' }))
    expect(created.user).toMatchObject({ displayName: '吴晓梅', canManage: true, mustChangePassword: true })
    expect(created.oneTimePassword).toHaveLength(10)

    await expectRefused(
      () =>
        world.secretary.user.create(
          memberInput(orgs.bureauBranch.id, { roles: [{ orgId: orgs.bureauBranch.id, role: 'CADRE' }] }),
        ),
      { status: 403, appCode: 'GRANT_NOT_ALLOWED', field: 'roles.0.role' },
    )
    await expectRefused(() => world.secretary.user.create(memberInput(orgs.otherVillageBranch.id)), {
      status: 403,
      appCode: 'OUT_OF_SUBTREE',
      field: 'roles.0.orgId',
    })
    await expectRefused(
      () =>
        world.secretary.user.create(
          memberInput(orgs.bureauBranch.id, { posts: [{ villageId: villages.qianyue.id, post: '驻村工作队员' }] }),
        ),
      { status: 403, appCode: 'GRANT_NOT_ALLOWED', field: 'posts.0.villageId' },
    )
    for (const caller of [world.cadre, world.member]) {
      const failure = await failureOf(caller.user.create(memberInput(orgs.bureauBranch.id)))
      expect(failure).toMatchObject({ httpStatus: 403, appCode: 'FORBIDDEN' })
    }
  })

  it('refuses a taken phone, a closed org, an unknown village, a repeated role and a future start, on the field', async () => {
    const { orgs } = world.ref
    await expectRefused(
      () => world.admin.user.create(memberInput(orgs.bureauBranch.id, { phone: DEMO_ACCOUNTS.member.phone })),
      {
        status: 409,
        appCode: 'PHONE_TAKEN',
        field: 'phone',
      },
    )
    const closing = await world.admin.org.create({
      name: '待撤销党支部',
      kind: 'BRANCH',
      parentId: orgs.bureauCommittee.id,
    })
    await world.admin.org.close({ id: closing.id, version: closing.version, reason: '机构调整' })
    await expectRefused(() => world.admin.user.create(memberInput(closing.id)), {
      status: 409,
      appCode: 'ORG_CLOSED',
      field: 'roles.0.orgId',
    })
    await expectRefused(
      () =>
        world.admin.user.create(
          memberInput(orgs.bureauBranch.id, {
            posts: [{ villageId: '019a0000-0000-7000-8000-000000000000', post: '第一书记' }],
          }),
        ),
      { status: 400, appCode: 'VALIDATION_FAILED', field: 'posts.0.villageId' },
    )
    await expectRefused(
      () =>
        world.admin.user.create(
          memberInput(orgs.bureauBranch.id, {
            roles: [
              { orgId: orgs.bureauBranch.id, role: 'MEMBER' },
              { orgId: orgs.bureauBranch.id, role: 'MEMBER', title: '组织委员' },
            ],
          }),
        ),
      { status: 400, appCode: 'VALIDATION_FAILED', field: 'roles.1.role' },
    )
    await expectRefused(
      () =>
        world.admin.user.create(
          memberInput(orgs.bureauBranch.id, {
            roles: [{ orgId: orgs.bureauBranch.id, role: 'MEMBER', startedOn: nextDay(today()) }],
          }),
        ),
      { status: 400, appCode: 'VALIDATION_FAILED', field: 'roles.0.startedOn' },
    )
    await expectRefused(() => world.admin.user.create({ ...memberInput(orgs.bureauBranch.id), phone: '12345' }), {
      status: 400,
      appCode: 'VALIDATION_FAILED',
      field: 'phone',
    })
  })
})

describe('roles and posts as periods', () => {
  it('adds a role, refuses it twice, ends it with its dates kept, refuses ending it again, and adds it anew', async () => {
    const { orgs } = world.ref
    const { user } = await staffAccount(memberInput(orgs.bureauBranch.id))
    const added = await world.admin.user.addRole({
      userId: user.id,
      orgId: orgs.villageBranch.id,
      role: 'MEMBER',
      title: '组织委员',
      startedOn: '2025-03-01',
    })
    const role = added.roles.find((r) => r.org.id === orgs.villageBranch.id)
    expect(role).toMatchObject({
      role: 'MEMBER',
      title: '组织委员',
      startedOn: '2025-03-01',
      endedOn: null,
      isCurrent: true,
    })

    await expectRefused(
      () => world.admin.user.addRole({ userId: user.id, orgId: orgs.villageBranch.id, role: 'MEMBER' }),
      { status: 409, appCode: 'PERIOD_EXISTS' },
    )
    await expectRefused(() => world.admin.user.endRole({ id: role?.id ?? '', endedOn: '2025-02-01' }), {
      status: 400,
      appCode: 'VALIDATION_FAILED',
      field: 'endedOn',
    })
    const ended = await world.admin.user.endRole({ id: role?.id ?? '' })
    expect(ended.roles.find((r) => r.id === role?.id)).toMatchObject({
      startedOn: '2025-03-01',
      endedOn: today(),
      isCurrent: false,
    })
    await expectRefused(() => world.admin.user.endRole({ id: role?.id ?? '' }), {
      status: 409,
      appCode: 'PERIOD_ENDED',
    })
    // A new period from today, beside the ended one; one overlapping the ended one is refused.
    await expectRefused(
      () =>
        world.admin.user.addRole({
          userId: user.id,
          orgId: orgs.villageBranch.id,
          role: 'MEMBER',
          startedOn: '2025-06-01',
        }),
      { status: 409, appCode: 'PERIOD_EXISTS' },
    )
    const again = await world.admin.user.addRole({ userId: user.id, orgId: orgs.villageBranch.id, role: 'MEMBER' })
    expect(again.roles.filter((r) => r.org.id === orgs.villageBranch.id).map((r) => r.isCurrent)).toEqual([true, false])
    const actions = await world.deps.prisma.auditLog.findMany({
      where: { entityId: user.id },
      select: { action: true },
      orderBy: { id: 'asc' },
    })
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.addRole', 'user.endRole', 'user.addRole'])
  })

  it('lets a 支部书记 add and end 党员 roles of the members he manages, and nothing more', async () => {
    const { orgs, users } = world.ref
    const { user } = await staffAccount(memberInput(orgs.bureauBranch.id))
    const memberRole = user.roles[0]
    await expectRefused(
      () => world.secretary.user.addRole({ userId: user.id, orgId: orgs.bureauBranch.id, role: 'SECRETARY' }),
      { status: 403, appCode: 'GRANT_NOT_ALLOWED', field: 'role' },
    )
    await expectRefused(
      () => world.secretary.user.addRole({ userId: user.id, orgId: orgs.villageBranch.id, role: 'MEMBER' }),
      { status: 403, appCode: 'OUT_OF_SUBTREE', field: 'orgId' },
    )
    // The cadre of his branch is in sight, but an administrator's to manage; 上滩村's cadre is out of sight.
    await expectRefused(
      () => world.secretary.user.addRole({ userId: users.cadre.id, orgId: orgs.bureauBranch.id, role: 'MEMBER' }),
      { status: 403, appCode: 'ACCOUNT_NOT_MANAGED' },
    )
    await expectRefused(
      () => world.secretary.user.addRole({ userId: users.otherCadre.id, orgId: orgs.bureauBranch.id, role: 'MEMBER' }),
      { status: 404, appCode: 'NOT_FOUND' },
    )
    await expectRefused(
      () =>
        world.secretary.user.addPost({
          userId: user.id,
          villageId: world.ref.villages.qianyue.id,
          post: '驻村工作队员',
        }),
      {
        status: 403,
        appCode: 'GRANT_NOT_ALLOWED',
        field: 'villageId',
      },
    )
    const ended = await world.secretary.user.endRole({ id: memberRole?.id ?? '' })
    expect(ended.roles[0]).toMatchObject({ isCurrent: false, endedOn: today() })
    // With no live role in his subtree left, the account is out of his sight.
    await expectRefused(() => world.secretary.user.byId({ id: user.id }), { status: 404, appCode: 'NOT_FOUND' })
  })

  it('refuses ending a role that does not exist, or one a 支部书记 may not end', async () => {
    await expectRefused(() => world.admin.user.endRole({ id: '019a0000-0000-7000-8000-000000000000' }), {
      status: 404,
      appCode: 'NOT_FOUND',
    })
    await expectRefused(() => world.admin.user.endPost({ id: '019a0000-0000-7000-8000-000000000000' }), {
      status: 404,
      appCode: 'NOT_FOUND',
    })
    // A member of his branch who was once its cadre: the ended CADRE role is an administrator's.
    const { orgs } = world.ref
    const { user } = await staffAccount({
      ...memberInput(orgs.bureauBranch.id),
      roles: [
        { orgId: orgs.bureauBranch.id, role: 'MEMBER' },
        { orgId: orgs.bureauBranch.id, role: 'CADRE', startedOn: '2024-01-01' },
      ],
    })
    const cadreRole = user.roles.find((r) => r.role === 'CADRE')
    await world.admin.user.endRole({ id: cadreRole?.id ?? '', endedOn: '2025-01-01' })
    await expectRefused(() => world.secretary.user.endRole({ id: cadreRole?.id ?? '' }), {
      status: 403,
      appCode: 'GRANT_NOT_ALLOWED',
    })
  })

  it('assigns and ends 驻村 posts; an ended post stops the cadre’s reach and leaves the pickers', async () => {
    const { orgs, villages } = world.ref
    const { user } = await staffAccount({
      displayName: '孙立新',
      phone: newPhone(),
      roles: [{ orgId: orgs.otherVillageBranch.id, role: 'CADRE', title: '驻村工作队员' }],
      posts: [],
    })
    const withPost = await world.admin.user.addPost({
      userId: user.id,
      villageId: villages.shangtan.id,
      post: '驻村工作队员',
    })
    const post = withPost.posts[0]
    expect(post).toMatchObject({ post: '驻村工作队员', startedOn: today(), endedOn: null, isCurrent: true })
    await expectRefused(
      () => world.admin.user.addPost({ userId: user.id, villageId: villages.shangtan.id, post: '第一书记' }),
      { status: 409, appCode: 'PERIOD_EXISTS' },
    )
    const people = await world.admin.village.people({ villageId: villages.shangtan.id })
    expect(people.cadres.map((c) => c.id)).toContain(user.id)

    const ended = await world.admin.user.endPost({ id: post?.id ?? '' })
    expect(ended.posts[0]).toMatchObject({ endedOn: today(), isCurrent: false })
    await expectRefused(() => world.admin.user.endPost({ id: post?.id ?? '' }), {
      status: 409,
      appCode: 'PERIOD_ENDED',
    })
    const after = await world.admin.village.people({ villageId: villages.shangtan.id })
    expect(after.cadres.map((c) => c.id)).not.toContain(user.id)
    // Signed in afresh, the cadre no longer reaches the village.
    expect(await (await world.as(user.id)).village.list()).toEqual([])
  })

  it('never ends the last active administrator’s role, even when two try at once', async () => {
    const { orgs, users } = world.ref
    const adminRole = (await world.admin.user.byId({ id: users.admin.id })).roles.find((r) => r.role === 'ADMIN')
    // Another administrator appears; the two end each other's role at the same moment.
    const { user: second, caller: secondAdmin } = await staffAccount({
      displayName: '钱管理',
      phone: newPhone(),
      roles: [{ orgId: orgs.bureauCommittee.id, role: 'ADMIN', title: '系统管理员' }],
      posts: [],
    })
    const secondRole = second.roles[0]
    const outcomes = await Promise.allSettled([
      world.admin.user.endRole({ id: secondRole?.id ?? '' }),
      secondAdmin.user.endRole({ id: adminRole?.id ?? '' }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected')
    expect(((refused as PromiseRejectedResult).reason.cause as AppError).code).toBe('LAST_ADMIN')
    const liveAdmins = await world.deps.prisma.membership.count({
      // Live on today's date in Beijing, as the service counts them (a role ends at a day's start).
      where: { role: 'ADMIN', ...liveOn() },
    })
    expect(liveAdmins).toBe(1)
    // Whoever is left cannot end his own.
    const survivor = outcomes[0]?.status === 'fulfilled' ? world.admin : secondAdmin
    const survivorRole = outcomes[0]?.status === 'fulfilled' ? adminRole : secondRole
    await expectRefused(() => survivor.user.endRole({ id: survivorRole?.id ?? '' }), {
      status: 409,
      appCode: 'LAST_ADMIN',
    })
    // The tests that follow start from the demo administrator alone.
    await world.deps.prisma.membership.update({ where: { id: adminRole?.id ?? '' }, data: { endedOn: null } })
    await world.deps.prisma.membership.update({ where: { id: secondRole?.id ?? '' }, data: { endedOn: new Date() } })
  })

  it('never deactivates the last active administrator, even for one whose own role ended meanwhile', async () => {
    const { orgs, users } = world.ref
    const { user: other, caller: otherAdmin } = await staffAccount({
      displayName: '卫管理',
      phone: newPhone(),
      roles: [{ orgId: orgs.bureauCommittee.id, role: 'ADMIN', title: '系统管理员' }],
      posts: [],
    })
    // The demo administrator's role ends while his signed-in caller still holds it.
    const adminRole = (await world.admin.user.byId({ id: users.admin.id })).roles.find((r) => r.role === 'ADMIN')
    await otherAdmin.user.endRole({ id: adminRole?.id ?? '' })
    await expectRefused(() => world.admin.user.deactivate({ id: other.id, version: other.version }), {
      status: 409,
      appCode: 'LAST_ADMIN',
    })
    await world.deps.prisma.membership.update({ where: { id: adminRole?.id ?? '' }, data: { endedOn: null } })
  })
})

describe('user.update', () => {
  it('corrects a name and phone under the version seen; a taken phone and a stale version are refused', async () => {
    const { orgs } = world.ref
    const { user } = await staffAccount(memberInput(orgs.bureauBranch.id))
    const phone = newPhone()
    const updated = await world.secretary.user.update({
      id: user.id,
      version: user.version,
      displayName: '冯改名',
      phone,
    })
    expect(updated).toMatchObject({ displayName: '冯改名', phone, version: user.version + 1 })
    await expectRefused(
      () => world.admin.user.update({ id: user.id, version: user.version, displayName: '冯再改', phone }),
      { status: 409, appCode: 'VERSION_CONFLICT' },
    )
    await expectRefused(
      () =>
        world.admin.user.update({
          id: user.id,
          version: updated.version,
          displayName: '冯再改',
          phone: DEMO_ACCOUNTS.cadre.phone,
        }),
      { status: 409, appCode: 'PHONE_TAKEN', field: 'phone' },
    )
    const cadre = await world.admin.user.byId({ id: world.ref.users.cadre.id })
    await expectRefused(
      () =>
        world.secretary.user.update({
          id: cadre.id,
          version: cadre.version,
          displayName: '越权改名',
          phone: newPhone(),
        }),
      { status: 403, appCode: 'ACCOUNT_NOT_MANAGED' },
    )
  })
})

describe('deactivation', () => {
  it('ends every session at once, keeps the records and the name, and leaves the pickers until reactivated', async () => {
    const { orgs, villages } = world.ref
    const { user } = await staffAccount({
      displayName: '郑停用',
      phone: newPhone(),
      roles: [{ orgId: orgs.bureauBranch.id, role: 'MEMBER', title: '党员' }],
      posts: [],
    })
    const password = 'Temp-Passw0rd'
    const { hashPassword } = await import('../../server/services/auth/passwords')
    await world.deps.prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(password) },
    })
    const inPocket = await login(user.phone ?? '', password)
    const atDesk = await login(user.phone ?? '', password)
    // A household whose 帮扶责任人 they are: the record keeps their name.
    const household = await world.cadre.household.create({
      ...householdInput(villages.qianyue.id),
      responsibleUserId: user.id,
    })
    expect((await world.admin.village.people({ villageId: villages.qianyue.id })).members.map((m) => m.id)).toContain(
      user.id,
    )

    const deactivated = await world.secretary.user.deactivate({ id: user.id, version: user.version })
    expect(deactivated).toMatchObject({ isActive: false, deactivatedAt: expect.any(Date) })
    for (const token of [inPocket.token, atDesk.token])
      expect(await appCodeOf(client(token).auth.me.query())).toBe('SESSION_EXPIRED')
    expect(await appCodeOf(login(user.phone ?? '', password))).toBe('ACCOUNT_DISABLED')

    expect((await world.cadre.household.byId({ id: household.id })).responsibleUser).toMatchObject({
      id: user.id,
      displayName: '郑停用',
    })
    expect(
      (await world.admin.village.people({ villageId: villages.qianyue.id })).members.map((m) => m.id),
    ).not.toContain(user.id)
    // Nor can they be named 帮扶责任人 or among a visit's visitors any more.
    const failure = await failureOf(
      world.cadre.household.create({ ...householdInput(villages.qianyue.id), responsibleUserId: user.id }),
    )
    expect(failure).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION_FAILED' })
    const visit = await failureOf(
      world.cadre.visit.create({
        target: 'HOUSEHOLD',
        householdId: household.id,
        visitedOn: today(),
        visitorIds: [user.id],
        goods: [],
        cashFen: 0,
      }),
    )
    expect(visit).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION_FAILED' })
    expect((visit.cause as AppError).fieldErrors).toHaveProperty('visitorIds')
    expect((await world.admin.user.list({ search: '郑停用' })).items).toEqual([])
    expect((await world.admin.user.list({ search: '郑停用', status: 'INACTIVE' })).items).toMatchObject([
      { id: user.id, isActive: false },
    ])

    await expectRefused(() => world.admin.user.deactivate({ id: user.id, version: deactivated.version }), {
      status: 409,
      appCode: 'ACCOUNT_INACTIVE',
    })
    await expectRefused(
      () => world.admin.user.addRole({ userId: user.id, orgId: orgs.villageBranch.id, role: 'MEMBER' }),
      { status: 409, appCode: 'ACCOUNT_INACTIVE' },
    )
    await expectRefused(() => world.admin.user.reactivate({ id: user.id, version: user.version }), {
      status: 409,
      appCode: 'VERSION_CONFLICT',
    })
    const back = await world.secretary.user.reactivate({ id: user.id, version: deactivated.version })
    expect(back.isActive).toBe(true)
    expect((await login(user.phone ?? '', password)).user.id).toBe(user.id)
    // The old tokens stay ended.
    expect(await appCodeOf(client(inPocket.token).auth.me.query())).toBe('SESSION_EXPIRED')
    await expectRefused(() => world.admin.user.reactivate({ id: user.id, version: back.version }), {
      status: 409,
      appCode: 'ACCOUNT_ACTIVE',
    })
    const actions = await world.deps.prisma.auditLog.findMany({
      where: { entityId: user.id, action: { in: ['user.deactivate', 'user.reactivate'] } },
      select: { action: true, actorId: true },
      orderBy: { id: 'asc' },
    })
    expect(actions).toEqual([
      { action: 'user.deactivate', actorId: world.ref.users.secretary.id },
      { action: 'user.reactivate', actorId: world.ref.users.secretary.id },
    ])
  })

  it('refuses deactivating yourself, and a 支部书记 deactivating anyone he does not manage', async () => {
    const admin = await world.admin.user.byId({ id: world.ref.users.admin.id })
    await expectRefused(() => world.admin.user.deactivate({ id: admin.id, version: admin.version }), {
      status: 400,
      appCode: 'CANNOT_DEACTIVATE_SELF',
    })
    const cadre = await world.admin.user.byId({ id: world.ref.users.cadre.id })
    await expectRefused(() => world.secretary.user.deactivate({ id: cadre.id, version: cadre.version }), {
      status: 403,
      appCode: 'ACCOUNT_NOT_MANAGED',
    })
    const other = await world.admin.user.byId({ id: world.ref.users.otherCadre.id })
    await expectRefused(() => world.secretary.user.deactivate({ id: other.id, version: other.version }), {
      status: 404,
      appCode: 'NOT_FOUND',
    })
  })
})

describe('sign-in help', () => {
  it('resets a password: a new one-time password, every session ended, the old password refused', async () => {
    const { user } = await staffAccount(memberInput(world.ref.orgs.bureauBranch.id))
    const first = await world.admin.user.resetPassword({ id: user.id })
    const session = await login(user.phone ?? '', first.oneTimePassword)
    const second = await world.secretary.user.resetPassword({ id: user.id })
    expect(second.oneTimePassword).not.toBe(first.oneTimePassword)
    expect(second.user).toMatchObject({ mustChangePassword: true, hasPassword: true })
    expect(await appCodeOf(client(session.token).auth.me.query())).toBe('SESSION_EXPIRED')
    expect(await appCodeOf(login(user.phone ?? '', first.oneTimePassword))).toBe('INVALID_CREDENTIALS')
    expect((await login(user.phone ?? '', second.oneTimePassword)).user.mustChangePassword).toBe(true)
    const audit = await world.deps.prisma.auditLog.findMany({
      where: { entityId: user.id, action: 'user.resetPassword' },
    })
    expect(audit).toHaveLength(2)
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(second.oneTimePassword)
  })

  it('refuses a reset for an account without a sign-in phone, or a deactivated one', async () => {
    const wechatOnly = await world.deps.prisma.user.create({
      data: {
        displayName: '微信用户',
        openid: 'o-reset-nothing',
        memberships: { create: { orgId: world.ref.orgs.bureauBranch.id, role: 'MEMBER' } },
      },
    })
    await expectRefused(() => world.admin.user.resetPassword({ id: wechatOnly.id }), {
      status: 412,
      appCode: 'PASSWORD_NOT_SET',
    })
    const { user } = await staffAccount(memberInput(world.ref.orgs.bureauBranch.id))
    await world.admin.user.deactivate({ id: user.id, version: user.version })
    await expectRefused(() => world.secretary.user.resetPassword({ id: user.id }), {
      status: 409,
      appCode: 'ACCOUNT_INACTIVE',
    })
  })

  it('shows a lockout and lifts it, so that the right password works at once', async () => {
    const { user } = await staffAccount(memberInput(world.ref.orgs.bureauBranch.id))
    const { oneTimePassword } = await world.admin.user.resetPassword({ id: user.id })
    const phone = user.phone ?? ''
    for (let i = 0; i < world.deps.security.maxFailuresPerSubject; i++)
      expect(await outcomeOf(world.anonymous.auth.loginWithPassword({ phone, password: 'wrong-passw0rd' }))).toBe(
        'INVALID_CREDENTIALS',
      )
    expect(await outcomeOf(world.anonymous.auth.loginWithPassword({ phone, password: oneTimePassword }))).toBe(
      'LOCKED_OUT',
    )
    expect((await world.admin.user.list({ search: phone })).items[0]?.isLocked).toBe(true)
    expect((await world.secretary.user.byId({ id: user.id })).isLocked).toBe(true)

    const unlocked = await world.secretary.user.unlock({ id: user.id })
    expect(unlocked.isLocked).toBe(false)
    expect((await world.anonymous.auth.loginWithPassword({ phone, password: oneTimePassword })).user.id).toBe(user.id)
    expect(await world.deps.prisma.auditLog.count({ where: { entityId: user.id, action: 'user.unlock' } })).toBe(1)
  })

  it('unbinds a WeChat: its sessions end, the password sessions stay', async () => {
    const { user } = await staffAccount(memberInput(world.ref.orgs.bureauBranch.id))
    const { oneTimePassword } = await world.admin.user.resetPassword({ id: user.id })
    const byPassword = await login(user.phone ?? '', oneTimePassword)
    await world.deps.prisma.user.update({ where: { id: user.id }, data: { openid: `o-unbind-${user.id}` } })
    const { createSession } = await import('../../server/services/auth/sessions')
    const byWechat = await createSession(world.deps.prisma, {
      userId: user.id,
      method: 'WECHAT',
      ttlMs: 3_600_000,
      userAgent: null,
    })
    expect((await world.admin.user.byId({ id: user.id })).hasWechat).toBe(true)

    const unbound = await world.admin.user.unbindWechat({ id: user.id })
    expect(unbound.hasWechat).toBe(false)
    expect(await appCodeOf(client(byWechat.token).auth.me.query())).toBe('SESSION_EXPIRED')
    expect(await appCodeOf(client(byPassword.token).auth.me.query())).toBe('OK')
    await expectRefused(() => world.admin.user.unbindWechat({ id: user.id }), {
      status: 409,
      appCode: 'WECHAT_NOT_BOUND',
    })
  })
})

describe('user.byId', () => {
  it('shows roles and posts current and ended with their dates; a 支部书记 sees what he may', async () => {
    const { orgs, users } = world.ref
    const cadre = await world.admin.user.byId({ id: users.cadre.id })
    expect(cadre).toMatchObject({
      displayName: DEMO_ACCOUNTS.cadre.displayName,
      phone: DEMO_ACCOUNTS.cadre.phone,
      canManage: true,
      roles: [expect.objectContaining({ role: 'CADRE', org: expect.objectContaining({ id: orgs.bureauBranch.id }) })],
      posts: [expect.objectContaining({ post: '第一书记', isCurrent: true, endedOn: null })],
    })
    expect(cadre).not.toHaveProperty('passwordHash')
    expect(cadre).not.toHaveProperty('openid')
    const seenBySecretary = await world.secretary.user.byId({ id: users.cadre.id })
    expect(seenBySecretary).toMatchObject({
      phone: '138****0003',
      isPhoneMasked: true,
      canManage: false,
      invitations: [],
    })
    await expectRefused(() => world.secretary.user.byId({ id: users.otherCadre.id }), {
      status: 404,
      appCode: 'NOT_FOUND',
    })
    await expectRefused(() => world.secretary.user.byId({ id: users.admin.id }), { status: 404, appCode: 'NOT_FOUND' })
  })
})
