// 管理 → 村 and 结对帮扶: villages by 行政区划代码 with the county/township rule, the village page
// (pairings and 驻村 posts, current and ended), the administrators' directory, and pairings that
// start and end, changing what an org's people reach on their next request while the records made
// during the pairing stay where they are.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import type { Caller } from '../../server/caller'
import { hashPassword } from '../../server/services/auth/passwords'
import { failureOf } from '../helpers/errors'
import { activityInput, householdInput, newClientMutationId } from '../helpers/factories'
import { apiClient, appCodeOf, clientErrorOf, serve, signIn } from '../helpers/http-world'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

let world: World
let baseUrl: string

beforeAll(async () => {
  world = await createWorld()
  baseUrl = (await serve(world)).baseUrl
  await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
  await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
  await world.otherCadre.household.create(householdInput(world.ref.villages.shangtan.id))
})

const db = () => world.deps.prisma

/** The API over HTTP, as the app calls it: what a user sees of an error is formatted there. */
const client = (token?: string) => apiClient(baseUrl, token)

/** What a refused call must leave as it was. */
const written = async () => ({
  villages: await db().village.findMany({ orderBy: { id: 'asc' } }),
  pairings: await db().orgVillagePair.findMany({ orderBy: { id: 'asc' } }),
  audit: await db().auditLog.count(),
})

type Refusal = { httpStatus: number; appCode: string; message: string }

/** The call fails as a user would see it, and writes nothing. */
const expectRefused = async (call: () => Promise<unknown>, expected: Refusal) => {
  const before = await written()
  const failure = await failureOf(call())
  expect({ httpStatus: failure.httpStatus, appCode: failure.appCode, message: failure.message }).toEqual(expected)
  expect(await written()).toEqual(before)
  return failure
}

const fieldErrorsOf = (failure: { cause: unknown }) => (failure.cause as { fieldErrors?: object }).fieldErrors

const FORBIDDEN: Refusal = {
  httpStatus: 403,
  appCode: 'FORBIDDEN',
  message: '您的账号没有此项操作的权限，如需开通请联系管理员',
}

/** Everyone but administrators is refused, before anything is read. */
const expectAdminsOnly = async (call: (caller: Caller) => Promise<unknown>) => {
  for (const who of ['secretary', 'cadre', 'member', 'otherCadre', 'resident'] as const)
    await expectRefused(() => call(world[who]), FORBIDDEN)
  await expectRefused(() => call(world.anonymous), { httpStatus: 401, appCode: 'UNAUTHENTICATED', message: '请先登录' })
}

const auditOf = (action: string, entityId: string) =>
  db().auditLog.findMany({ where: { action, entityId }, orderBy: { id: 'asc' } })

let codeSeq = 300
/** A fresh 村 code in 良教乡 (630121105…), never used by another test. */
const nextLiangjiaoCode = () => {
  codeSeq += 1
  return `630121105${codeSeq}`
}

describe('village.create', () => {
  it('adds a village with no pairings, posts or households, audited, in the pickers', async () => {
    const adminCode = nextLiangjiaoCode()
    const key = newClientMutationId()
    const input = { clientMutationId: key, name: '新庄村', county: '大通县', township: '良教乡', adminCode }
    const village = await world.admin.village.create(input)
    expect(village).toMatchObject({
      name: '新庄村',
      county: '大通县',
      township: '良教乡',
      adminCode,
      version: 1,
      canManage: true,
      pairings: [],
      posts: [],
      householdCounts: { total: 0, monitoring: 0, anonymised: 0 },
    })
    // A retry with the same key answers the first result and adds nothing.
    expect(await world.admin.village.create(input)).toEqual(village)
    expect(await db().village.count({ where: { adminCode } })).toBe(1)
    const [entry, ...more] = await auditOf('village.create', village.id)
    expect(more).toEqual([])
    expect(entry).toMatchObject({ actorId: world.ref.users.admin.id, entityType: 'Village' })
    expect(entry?.after).toMatchObject({ adminCode, county: '大通县', township: '良教乡' })
    expect((await world.admin.village.list()).map((v) => v.id)).toContain(village.id)
  })

  it('starts a county and a township the ledger does not know yet', async () => {
    const village = await world.admin.village.create({
      name: '拦隆口村',
      county: '湟中区',
      township: '拦隆口镇',
      adminCode: '630122101201',
    })
    expect(village).toMatchObject({ county: '湟中区', township: '拦隆口镇', adminCode: '630122101201' })
  })

  it('refuses a code another village holds, on the code field, naming that village', async () => {
    const failure = await expectRefused(
      () =>
        world.admin.village.create({ name: '后跃村', county: '大通县', township: '良教乡', adminCode: '630121105201' }),
      {
        httpStatus: 409,
        appCode: 'VILLAGE_CODE_TAKEN',
        message: '行政区划代码 630121105201 已由 前跃村（大通县良教乡）使用，请核对',
      },
    )
    expect(fieldErrorsOf(failure)).toEqual({ adminCode: [failure.message] })
  })

  it('refuses a county name other than the one the code’s county has on record', async () => {
    const failure = await expectRefused(
      () =>
        world.admin.village.create({
          name: '新村',
          county: '湟中区',
          township: '良教乡',
          adminCode: nextLiangjiaoCode(),
        }),
      {
        httpStatus: 400,
        appCode: 'VILLAGE_CODE_MISMATCH',
        message: '630121 开头的村属于 大通县，与填写的 湟中区 不一致，请核对',
      },
    )
    expect(fieldErrorsOf(failure)).toEqual({ county: [failure.message] })
  })

  it('refuses a township name other than the one the code’s township has on record', async () => {
    const failure = await expectRefused(
      () =>
        world.admin.village.create({
          name: '新村',
          county: '大通县',
          township: '桥头镇',
          adminCode: nextLiangjiaoCode(),
        }),
      {
        httpStatus: 400,
        appCode: 'VILLAGE_CODE_MISMATCH',
        message: '630121105 开头的村属于 良教乡，与填写的 桥头镇 不一致，请核对',
      },
    )
    expect(fieldErrorsOf(failure)).toEqual({ township: [failure.message] })
    // Another township of the same county may carry another name.
    await world.admin.village.create({
      name: '桥头村',
      county: '大通县',
      township: '桥头镇',
      adminCode: '630121100201',
    })
  })

  it('refuses malformed fields, each with its own message, beside the field', async () => {
    const { token } = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.admin.phone,
      password: TEST_PASSWORD,
    })
    const valid = { name: '新村', county: '大通县', township: '良教乡', adminCode: nextLiangjiaoCode() }
    const cases: [Partial<typeof valid>, string, string][] = [
      [{ adminCode: '63012110520' }, 'adminCode', '行政区划代码应为 12 位数字，如 630121105201'],
      [{ adminCode: '990121105201' }, 'adminCode', '行政区划代码的前两位不是有效的省级代码'],
      [{ adminCode: '630121105000' }, 'adminCode', '这是县或乡镇的代码，请填写村级的 12 位代码'],
      [{ name: ' ' }, 'name', '请填写村名'],
      [{ county: '县'.repeat(31) }, 'county', '所属县（区）不能超过 30 个字'],
    ]
    for (const [change, field, message] of cases) {
      const before = await written()
      const error = await clientErrorOf(client(token).village.create.mutate({ ...valid, ...change }))
      const { data } = error
      expect({ message: error.message, status: data?.httpStatus, appCode: data?.appCode }).toEqual({
        message,
        status: 400,
        appCode: 'VALIDATION_FAILED',
      })
      expect(data?.zodError?.fieldErrors).toEqual({ [field]: [message] })
      expect(await written()).toEqual(before)
    }
  })

  it('checks two villages of one new county, added at the same moment, against each other', async () => {
    const results = await Promise.allSettled(
      ['化隆县', '化隆回族自治县'].map((county, i) =>
        world.admin.village.create({
          name: `测试村${i}`,
          county,
          township: '群科镇',
          adminCode: `63022410120${i + 1}`,
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find((r) => r.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason.cause).toMatchObject({ code: 'VILLAGE_CODE_MISMATCH' })
    expect(
      new Set((await db().village.findMany({ where: { adminCode: { startsWith: '630224' } } })).map((v) => v.county))
        .size,
    ).toBe(1)
  })

  it('is for administrators only', async () => {
    await expectAdminsOnly((caller) =>
      caller.village.create({ name: '新村', county: '大通县', township: '良教乡', adminCode: nextLiangjiaoCode() }),
    )
  })
})

describe('village.update', () => {
  it('renames a village and corrects its names, with the version, audited before and after', async () => {
    const made = await world.admin.village.create({
      name: '东村',
      county: '湟源县',
      township: '城关镇',
      adminCode: '630123100201',
    })
    const updated = await world.admin.village.update({
      id: made.id,
      version: made.version,
      name: '东峡村',
      county: '湟源县',
      township: '城关镇',
      adminCode: '630123100201',
    })
    expect(updated).toMatchObject({ id: made.id, name: '东峡村', version: 2 })
    const [entry] = await auditOf('village.update', made.id)
    expect(entry).toMatchObject({ entityType: 'Village' })
    expect(entry?.before).toMatchObject({ version: 1 })
    expect(entry?.after).toMatchObject({ version: 2 })
    // Alone in its county, it may carry the county's name, and move its code, where it likes.
    const moved = await world.admin.village.update({
      id: made.id,
      version: 2,
      name: '东峡村',
      county: '湟源县（测试）',
      township: '东峡镇',
      adminCode: '630123102201',
    })
    expect(moved).toMatchObject({ county: '湟源县（测试）', township: '东峡镇', adminCode: '630123102201', version: 3 })
  })

  it('refuses a stale version, naming the current one', async () => {
    const qianyue = await world.admin.village.byId({ id: world.ref.villages.qianyue.id })
    const failure = await expectRefused(
      () =>
        world.admin.village.update({
          id: qianyue.id,
          version: qianyue.version + 1,
          name: qianyue.name,
          county: qianyue.county,
          township: qianyue.township,
          adminCode: qianyue.adminCode,
        }),
      { httpStatus: 409, appCode: 'VERSION_CONFLICT', message: '这条记录刚被其他人修改过，请刷新后核对再保存' },
    )
    expect((failure.cause as { details?: object }).details).toEqual({ currentVersion: qianyue.version })
  })

  it('moves a code only where no other village would disagree', async () => {
    const shangtan = await world.admin.village.byId({ id: world.ref.villages.shangtan.id })
    const edit = {
      id: shangtan.id,
      version: shangtan.version,
      name: shangtan.name,
      county: shangtan.county,
      township: shangtan.township,
    }
    // Renaming the county of one village among others of that county would leave them disagreeing.
    await expectRefused(
      () => world.admin.village.update({ ...edit, county: '大通回族土族自治县', adminCode: shangtan.adminCode }),
      {
        httpStatus: 400,
        appCode: 'VILLAGE_CODE_MISMATCH',
        message: '630121 开头的村属于 大通县，与填写的 大通回族土族自治县 不一致，请核对',
      },
    )
    // Into 湟中区's county, still calling itself 大通县.
    await expectRefused(() => world.admin.village.update({ ...edit, adminCode: '630122101209' }), {
      httpStatus: 400,
      appCode: 'VILLAGE_CODE_MISMATCH',
      message: '630122 开头的村属于 湟中区，与填写的 大通县 不一致，请核对',
    })
    await expectRefused(() => world.admin.village.update({ ...edit, adminCode: '630121105201' }), {
      httpStatus: 409,
      appCode: 'VILLAGE_CODE_TAKEN',
      message: '行政区划代码 630121105201 已由 前跃村（大通县良教乡）使用，请核对',
    })
    // Within its own township, the code may change; its records stay with it.
    const moved = await world.admin.village.update({ ...edit, adminCode: '630121105299' })
    expect(moved).toMatchObject({ adminCode: '630121105299', householdCounts: { total: 1 } })
    await world.admin.village.update({ ...edit, version: moved.version, adminCode: shangtan.adminCode })
  })

  it('answers NOT_FOUND for a village that does not exist, and is for administrators only', async () => {
    const edit = {
      id: randomUUID(),
      version: 1,
      name: '新村',
      county: '大通县',
      township: '良教乡',
      adminCode: nextLiangjiaoCode(),
    }
    await expectRefused(() => world.admin.village.update(edit), {
      httpStatus: 404,
      appCode: 'NOT_FOUND',
      message: '没有找到这个村',
    })
    const qianyue = await world.admin.village.byId({ id: world.ref.villages.qianyue.id })
    await expectAdminsOnly((caller) =>
      caller.village.update({ ...edit, id: qianyue.id, version: qianyue.version, adminCode: qianyue.adminCode }),
    )
  })
})

describe('village.byId', () => {
  it('shows staff in scope the pairings and posts, current and ended, with names and dates, and the households', async () => {
    const { qianyue } = world.ref.villages
    // An earlier 驻村 term of 张丽's, ended.
    await db().cadreVillage.create({
      data: {
        userId: world.ref.users.member.id,
        villageId: qianyue.id,
        post: '驻村工作队员',
        startedOn: new Date('2023-03-01'),
        endedOn: new Date('2025-03-01'),
      },
    })
    const village = await world.secretary.village.byId({ id: qianyue.id })
    expect(village).toMatchObject({
      name: '前跃村',
      county: '大通县',
      township: '良教乡',
      adminCode: '630121105201',
      canManage: false,
      householdCounts: { total: 2, monitoring: 2, anonymised: 0 },
    })
    expect(village.pairings.map((p) => [p.org.name, p.isCurrent, p.endedOn])).toEqual(
      expect.arrayContaining([
        ['西宁市司法局机关党支部', true, null],
        ['前跃村党支部', true, null],
      ]),
    )
    expect(village.posts.map((p) => [p.user.displayName, p.post, p.isCurrent, p.startedOn, p.endedOn])).toEqual([
      ['李振华', '第一书记', true, expect.any(String), null],
      ['张丽', '驻村工作队员', false, '2023-03-01', '2025-03-01'],
    ])
    expect((await world.cadre.village.byId({ id: qianyue.id })).posts).toHaveLength(2)
  })

  it('looks the same as a village that does not exist to staff who do not reach it', async () => {
    const missing = { httpStatus: 404, appCode: 'NOT_FOUND', message: '没有找到这个村，或它不在您的管辖范围内' }
    await expectRefused(() => world.secretary.village.byId({ id: world.ref.villages.shangtan.id }), missing)
    await expectRefused(() => world.cadre.village.byId({ id: world.ref.villages.shangtan.id }), missing)
    await expectRefused(() => world.otherCadre.village.byId({ id: world.ref.villages.qianyue.id }), missing)
    await expectRefused(() => world.admin.village.byId({ id: randomUUID() }), missing)
    await expectRefused(() => world.resident.village.byId({ id: world.ref.villages.qianyue.id }), FORBIDDEN)
  })
})

describe('village.directory', () => {
  it('lists every village in 行政区划 order, paged, each with its current pairings and cadres', async () => {
    const all = await world.admin.village.directory({ limit: 100 })
    // Names sort as the database's collation sorts them.
    const inOrder = await db().$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Village" ORDER BY "county", "township", "name", "id"`
    expect(all.items.map((v) => v.id)).toEqual(inOrder.map((v) => v.id))
    expect(new Set(all.items.map((v) => v.county)).size).toBeGreaterThanOrEqual(3)
    expect(all.nextCursor).toBeNull()

    const pages = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<Caller['village']['directory']>> = await world.admin.village.directory({
        limit: 2,
        cursor,
      })
      pages.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(pages.map((v) => v.id)).toEqual(all.items.map((v) => v.id))

    const qianyue = all.items.find((v) => v.id === world.ref.villages.qianyue.id)
    expect(qianyue?.currentPairings.map((p) => p.org.name).sort()).toEqual(['前跃村党支部', '西宁市司法局机关党支部'])
    expect(qianyue?.currentCadreCount).toBe(1)
  })

  it('searches by name or by the start of the code, and filters by county and township', async () => {
    const names = async (input: Parameters<Caller['village']['directory']>[0]) =>
      (await world.admin.village.directory({ limit: 100, ...input })).items.map((v) => v.name)
    expect(await names({ search: '前跃' })).toEqual(['前跃村'])
    expect(await names({ search: '630122' })).toEqual(['拦隆口村'])
    expect((await names({ search: '6301211052' })).sort()).toEqual(['前跃村', '上滩村'].sort())
    expect(await names({ township: '桥头镇' })).toEqual(['桥头村'])
    expect((await names({ county: '大通县' })).length).toBeGreaterThanOrEqual(4)
    expect(await names({ county: '湟中区', search: '前跃' })).toEqual([])
  })

  it('is for administrators only', async () => {
    await expectAdminsOnly((caller) => caller.village.directory({}))
  })
})

// ─── 结对帮扶 ─────────────────────────────────────────────────────────────────────────

/** A new branch under the bureau's committee, with a secretary who signs in over HTTP. */
const branchWithSecretary = async (name: string, phone: string) => {
  const org = await world.admin.org.create({ name, kind: 'BRANCH', parentId: world.ref.orgs.bureauCommittee.id })
  const user = await db().user.create({
    data: { displayName: `${name.slice(0, 2)}书记`, phone, passwordHash: await hashPassword(TEST_PASSWORD) },
  })
  await db().membership.create({ data: { userId: user.id, orgId: org.id, role: 'SECRETARY', title: '支部书记' } })
  // Agreed to the privacy notice, as everyone past the app's first screen has.
  await world.as(user.id)
  const login = await signIn(baseUrl, phone)
  return { org, user, api: client(login.token) }
}

type WithPairings = { pairings: { id: string; org: { id: string }; startedOn: string; endedOn: string | null }[] }

const pairingOf = <V extends WithPairings>(village: V, orgId: string): V['pairings'][number] => {
  const pairing = village.pairings.find((p) => p.org.id === orgId)
  if (!pairing) throw new Error('no such pairing')
  return pairing
}

describe('village.pair and village.endPairing', () => {
  it('change what the org’s secretary reaches on his next request; his activities there stay his', async () => {
    const { shangtan } = world.ref.villages
    const { org, api } = await branchWithSecretary('西宁市司法局第二党支部', '13800000101')
    const shangtanHouseholds = async () => (await api.household.list.query({ villageId: shangtan.id })).items.length
    expect(await shangtanHouseholds()).toBe(0)
    expect(await appCodeOf(api.village.byId.query({ id: shangtan.id }))).toBe('NOT_FOUND')

    const paired = await world.admin.village.pair({ orgId: org.id, villageId: shangtan.id })
    const pairing = pairingOf(paired, org.id)
    expect(pairing).toMatchObject({ startedOn: shanghaiDate(), endedOn: null, isCurrent: true })
    const [entry] = await auditOf('village.pair', pairing.id)
    expect(entry).toMatchObject({ entityType: 'OrgVillagePair' })
    expect(entry?.after).toEqual({ orgId: org.id, villageId: shangtan.id, startedOn: shanghaiDate() })

    // The same session, its next request: 上滩村 is his now.
    expect(await shangtanHouseholds()).toBe(1)
    expect((await api.village.list.query()).map((v) => v.name)).toContain('上滩村')
    const activity = await api.activity.create.mutate(activityInput(org.id, { villageId: shangtan.id }))
    const householdId = (await api.household.list.query({ villageId: shangtan.id })).items[0]?.id ?? ''

    const ended = await world.admin.village.endPairing({ id: pairing.id })
    expect(pairingOf(ended, org.id)).toMatchObject({
      startedOn: shanghaiDate(),
      endedOn: shanghaiDate(),
      isCurrent: false,
    })
    const [endEntry] = await auditOf('village.endPairing', pairing.id)
    expect(endEntry).toMatchObject({ entityType: 'OrgVillagePair' })
    expect(endEntry?.before).toMatchObject({ endedOn: null })
    expect(endEntry?.after).toMatchObject({ endedOn: shanghaiDate() })

    // His next request: the village's households are out of his reach…
    expect(await shangtanHouseholds()).toBe(0)
    expect(await appCodeOf(api.household.byId.query({ id: householdId }))).toBe('NOT_FOUND')
    expect(await appCodeOf(api.village.byId.query({ id: shangtan.id }))).toBe('NOT_FOUND')
    expect((await api.village.list.query()).map((v) => v.name)).not.toContain('上滩村')
    // …but the activity his branch held there is still his to read, where it was.
    expect(await api.activity.byId.query({ id: activity.id })).toMatchObject({ id: activity.id, canEdit: true })
    expect((await api.activity.list.query({})).items.map((a) => a.id)).toContain(activity.id)
    expect(await db().activity.findUniqueOrThrow({ where: { id: activity.id } })).toMatchObject({
      villageId: shangtan.id,
      organiserOrgId: org.id,
    })
    // The pairing stays, as history, on the village and on the org.
    expect((await world.admin.org.byId({ id: org.id })).pairings).toEqual([
      expect.objectContaining({ id: pairing.id, endedOn: shanghaiDate(), isCurrent: false }),
    ])

    await expectRefused(() => world.admin.village.endPairing({ id: pairing.id }), {
      httpStatus: 409,
      appCode: 'PAIRING_ENDED',
      message: `这次结对已于 ${shanghaiDate()} 结束，无需重复操作`,
    })
  })

  it('refuses a second pairing of an org with a village while the first holds, or overlapping it', async () => {
    const { bureauBranch, firmBranches } = world.ref.orgs
    const { qianyue } = world.ref.villages
    const current = pairingOf(await world.admin.village.byId({ id: qianyue.id }), bureauBranch.id)
    await expectRefused(() => world.admin.village.pair({ orgId: bureauBranch.id, villageId: qianyue.id }), {
      httpStatus: 409,
      appCode: 'PAIRING_EXISTS',
      message: `该组织已与这个村结对（自 ${current.startedOn} 起），无需重复结对`,
    })

    // A law firm's branch paired for the first half of 2025; a new pairing starts on its end day at the earliest.
    const firm = firmBranches[0]?.id ?? ''
    const first = pairingOf(
      await world.admin.village.pair({ orgId: firm, villageId: qianyue.id, startedOn: '2025-01-01' }),
      firm,
    )
    await world.admin.village.endPairing({ id: first.id, endedOn: '2025-07-01' })
    const overlap = await expectRefused(
      () => world.admin.village.pair({ orgId: firm, villageId: qianyue.id, startedOn: '2025-06-01' }),
      {
        httpStatus: 409,
        appCode: 'PAIRING_EXISTS',
        message: '该组织与这个村的上一次结对到 2025-07-01 才结束，新的结对请从这一天或之后开始',
      },
    )
    expect(fieldErrorsOf(overlap)).toEqual({ startedOn: [overlap.message] })
    const again = await world.admin.village.pair({ orgId: firm, villageId: qianyue.id, startedOn: '2025-07-01' })
    expect(again.pairings.filter((p) => p.org.id === firm).map((p) => [p.startedOn, p.endedOn, p.isCurrent])).toEqual([
      ['2025-07-01', null, true],
      ['2025-01-01', '2025-07-01', false],
    ])
  })

  it('pairs once when the same pairing is asked for twice at the same moment', async () => {
    const org = world.ref.orgs.firmBranches[2]?.id ?? ''
    const { shangtan } = world.ref.villages
    const results = await Promise.allSettled([
      world.admin.village.pair({ orgId: org, villageId: shangtan.id }),
      world.admin.village.pair({ orgId: org, villageId: shangtan.id }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find((r) => r.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason.cause).toMatchObject({ code: 'PAIRING_EXISTS' })
    expect(await db().orgVillagePair.count({ where: { orgId: org, villageId: shangtan.id } })).toBe(1)
  })

  it('refuses a closed org, and an org or village that does not exist', async () => {
    const { qianyue } = world.ref.villages
    const org = await world.admin.org.create({
      name: '已撤销的测试支部',
      kind: 'BRANCH',
      parentId: world.ref.orgs.bureauCommittee.id,
    })
    await world.admin.org.close({ id: org.id, version: org.version, reason: '机构调整' })
    const closed = await expectRefused(() => world.admin.village.pair({ orgId: org.id, villageId: qianyue.id }), {
      httpStatus: 409,
      appCode: 'ORG_CLOSED',
      message: '该组织已撤销，不能再与村结对',
    })
    expect(fieldErrorsOf(closed)).toEqual({ orgId: [closed.message] })
    await expectRefused(() => world.admin.village.pair({ orgId: randomUUID(), villageId: qianyue.id }), {
      httpStatus: 404,
      appCode: 'NOT_FOUND',
      message: '没有找到这个组织',
    })
    await expectRefused(
      () => world.admin.village.pair({ orgId: world.ref.orgs.lawyersCommittee.id, villageId: randomUUID() }),
      { httpStatus: 404, appCode: 'NOT_FOUND', message: '没有找到这个村' },
    )
  })

  it('ends on a day not before the start; an end still ahead may be brought forward', async () => {
    const { shangtan } = world.ref.villages
    const org = world.ref.orgs.firmBranches[1]?.id ?? ''
    const pairing = pairingOf(
      await world.admin.village.pair({ orgId: org, villageId: shangtan.id, startedOn: '2025-03-01' }),
      org,
    )
    const early = await expectRefused(() => world.admin.village.endPairing({ id: pairing.id, endedOn: '2025-02-28' }), {
      httpStatus: 400,
      appCode: 'VALIDATION_FAILED',
      message: '结束日期不能早于结对开始的日期（2025-03-01）',
    })
    expect(fieldErrorsOf(early)).toEqual({ endedOn: [early.message] })
    // The end of a planned term: the pairing holds until then…
    const planned = await world.admin.village.endPairing({ id: pairing.id, endedOn: '2099-12-31' })
    expect(pairingOf(planned, org)).toMatchObject({ endedOn: '2099-12-31', isCurrent: true })
    // …and may be ended sooner.
    const ended = await world.admin.village.endPairing({ id: pairing.id, endedOn: '2025-03-01' })
    expect(pairingOf(ended, org)).toMatchObject({ endedOn: '2025-03-01', isCurrent: false })
    await expectRefused(() => world.admin.village.endPairing({ id: randomUUID() }), {
      httpStatus: 404,
      appCode: 'NOT_FOUND',
      message: '没有找到这次结对',
    })
  })

  it('are for administrators only', async () => {
    const { bureauBranch } = world.ref.orgs
    const { qianyue, shangtan } = world.ref.villages
    await expectAdminsOnly((caller) => caller.village.pair({ orgId: bureauBranch.id, villageId: shangtan.id }))
    const current = pairingOf(await world.admin.village.byId({ id: qianyue.id }), bureauBranch.id)
    await expectAdminsOnly((caller) => caller.village.endPairing({ id: current.id }))
  })
})
