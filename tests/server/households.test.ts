// Household records: what cadres keep, optimistic locking, one person in one household, and
// personal data that is masked in every answer and never stored in plaintext.
import { beforeAll, describe, expect, it } from 'vitest'
import { maskIdNumber, maskPhone } from '../../common/personal-data'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import { CHINESE, failureOf } from '../helpers/errors'
import { editOf, householdInput, memberInput, newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

/** JSON of anything, BigInt ids included, to search it for leaked plaintext. */
const dump = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))

beforeAll(async () => {
  world = await createWorld()
})

const village = () => world.ref.villages.qianyue.id

describe('household records', () => {
  it('stores ID numbers, phones and health only encrypted, and answers with masks', async () => {
    const input = householdInput(village())
    const created = await world.cadre.household.create(input)
    expect(created.idNumberMasked).toBe(maskIdNumber(input.idNumber))
    expect(created.phoneMasked).toBe(maskPhone(input.phone as string))
    expect(JSON.stringify(created)).not.toContain(input.idNumber)
    expect(created.members[0]?.health).toEqual({ status: 'CHRONIC_ILLNESS', detail: '高血压' })

    const rows = await world.deps.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT h.*, m."healthEnc", m."idNumberEnc" AS "memberIdEnc" FROM "Household" h JOIN "HouseholdMember" m ON m."householdId" = h.id WHERE h.id = $1::uuid`,
      created.id,
    )
    const raw = dump(rows)
    expect(raw).not.toContain(input.idNumber)
    expect(raw).not.toContain(input.phone)
    expect(raw).not.toContain('高血压')
    const audit = dump(await world.deps.prisma.auditLog.findMany({ where: { entityId: created.id } }))
    expect(audit).not.toContain(input.idNumber)
    expect(audit).not.toContain('高血压')
  })

  it('keeps names and circumstances out of the audit trail, yet shows what changed', async () => {
    const input = householdInput(village(), { notes: '独居老人，冬季取暖困难' })
    const created = await world.cadre.household.create(input)
    const updated = await world.cadre.household.update(editOf(created, input, { notes: '已安装电暖器' }))
    const [creation, update] = await world.deps.prisma.auditLog.findMany({
      where: { entityId: created.id, action: { in: ['household.create', 'household.update'] } },
      orderBy: { id: 'asc' },
    })
    const trail = dump([creation, update])
    for (const personal of [input.headName, input.members[0]?.name, '独居老人', '电暖器', created.idNumberMasked]) {
      expect(trail).not.toContain(personal)
    }
    const before = update?.before as { headName: string; notes: string }
    const after = update?.after as { headName: string; notes: string }
    expect(after.headName).toMatch(/^#[0-9a-f]{8}:[\w-]{16}$/)
    expect(after.headName).toBe(before.headName)
    expect(after.notes).not.toBe(before.notes)
    expect(updated.notes).toBe('已安装电暖器')
  })

  it('reveals plaintext only to record keepers, and logs who, what, when and why', async () => {
    const input = householdInput(village())
    const created = await world.cadre.household.create(input)
    const revealed = await world.cadre.household.reveal({ id: created.id, field: 'idNumber', reason: '办理医保报销' })
    expect(revealed.value).toBe(input.idNumber)
    const phone = await world.cadre.household.reveal({ id: created.id, field: 'phone', reason: '电话回访' })
    expect(phone.value).toBe(input.phone)
    const log = await world.deps.prisma.auditLog.findMany({
      where: { action: 'household.reveal', entityId: created.id },
      orderBy: { id: 'asc' },
    })
    expect(
      log.map((e) => [e.actorId, (e.after as { field: string }).field, (e.after as { reason: string }).reason]),
    ).toEqual([
      [world.ref.users.cadre.id, 'idNumber', '办理医保报销'],
      [world.ref.users.cadre.id, 'phone', '电话回访'],
    ])
    expect(dump(log)).not.toContain(input.idNumber)
    expect(
      await failureOf(world.secretary.household.reveal({ id: created.id, field: 'idNumber', reason: '想看看' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
  })

  it('finds a household by its full ID number through the blind index', async () => {
    const input = householdInput(village())
    const created = await world.cadre.household.create(input)
    const found = await world.cadre.household.list({ search: input.idNumber })
    expect(found.items.map((h) => h.id)).toEqual([created.id])
    expect((await world.cadre.household.list({ search: input.headName })).items.map((h) => h.id)).toContain(created.id)
  })

  it('lists each household with its members and its open needs counted', async () => {
    const input = householdInput(village())
    const created = await world.cadre.household.create({
      ...input,
      members: [...input.members, memberInput('测试配偶', { relationship: 'SPOUSE' })],
    })
    const needOf = (description: string) =>
      world.cadre.need.create({ householdId: created.id, category: 'OTHER', description })
    await needOf('第一条诉求')
    const closed = await needOf('第二条诉求')
    await world.cadre.need.transition({ id: closed.id, version: closed.version, to: 'REJECTED', note: '重复登记' })
    const listed = (await world.cadre.household.list({ search: input.idNumber })).items
    expect(listed).toMatchObject([{ id: created.id, memberCount: 2, openNeedCount: 1 }])
  })

  it('refuses an ID number already registered in another household, as head or member', async () => {
    const first = householdInput(village())
    await world.cadre.household.create(first)
    const asHead = householdInput(village(), { idNumber: first.idNumber, members: [] })
    expect(await failureOf(world.cadre.household.create(asHead))).toMatchObject({
      code: 'CONFLICT',
      appCode: 'HOUSEHOLD_ID_NUMBER_TAKEN',
    })
    const second = householdInput(village())
    const asMember = {
      ...second,
      members: [
        ...second.members,
        {
          name: '重复成员',
          relationship: 'SON' as const,
          idNumber: first.idNumber,
          laborCapacity: 'ABLE' as const,
          schoolStatus: 'NOT_IN_SCHOOL' as const,
          health: { status: 'HEALTHY' as const, detail: null },
        },
      ],
    }
    const failure = await failureOf(world.cadre.household.create(asMember))
    expect(failure.appCode).toBe('HOUSEHOLD_ID_NUMBER_TAKEN')
    expect((failure.cause as { fieldErrors: Record<string, string[]> }).fieldErrors['members.1.idNumber']).toBeDefined()
  })

  it('registers a person once, and a code once, when the same household is saved at the same moment', async () => {
    const village = world.ref.villages.qianyue.id
    const base = householdInput(village)
    const sameIdNumber = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        world.cadre.household.create({ ...householdInput(village), idNumber: base.idNumber }),
      ),
    )
    const appCodes = (settled: PromiseSettledResult<unknown>[]) =>
      settled.map((r) => (r.status === 'fulfilled' ? 'OK' : (r.reason as { cause?: { code?: string } }).cause?.code))
    expect(appCodes(sameIdNumber).sort()).toEqual([
      'HOUSEHOLD_ID_NUMBER_TAKEN',
      'HOUSEHOLD_ID_NUMBER_TAKEN',
      'HOUSEHOLD_ID_NUMBER_TAKEN',
      'HOUSEHOLD_ID_NUMBER_TAKEN',
      'OK',
    ])

    const sameCode = await Promise.allSettled(
      Array.from({ length: 5 }, () => world.cadre.household.create({ ...householdInput(village), code: 'QY-RACE' })),
    )
    const codes = appCodes(sameCode)
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
    // The losers are told it is taken: by the check, or by the unique index when they raced past it.
    for (const failure of sameCode.filter((r) => r.status === 'rejected')) {
      expect((failure.reason as { code: string }).code).toBe('CONFLICT')
      expect((failure.reason as Error).message).toMatch(/户编号|重复/)
    }
  })

  it('updates with optimistic locking: a stale form gets CONFLICT with the current version', async () => {
    const created = await world.cadre.household.create(householdInput(village()))
    const form = householdInput(village(), { headName: created.headName, code: created.code })
    const { idNumber: _keepStored, ...withoutId } = form
    // The form sends each member back as it loaded them, 健康状况 included.
    const members = created.members.map(({ id, name, relationship, health, laborCapacity, schoolStatus }) => {
      if (!health) throw new Error('a cadre of the village sees members’ health')
      return { id, name, relationship, health, laborCapacity, schoolStatus }
    })
    const saved = await world.cadre.household.update(
      editOf(created, withoutId, { category: 'DIBAO' as const, members, notes: '改为低保户' }),
    )
    expect(saved).toMatchObject({
      version: created.version + 1,
      category: 'DIBAO',
      notes: '改为低保户',
      idNumberMasked: created.idNumberMasked,
    })
    expect(saved.members[0]?.health).toEqual(created.members[0]?.health)
    const stale = await failureOf(world.cadre.household.update(editOf(created, withoutId, { members })))
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT' })
    expect((stale.cause as { details: { currentVersion: number } }).details.currentVersion).toBe(saved.version)
  })

  it('never loses an update to a race: one of two concurrent saves wins, the other conflicts', async () => {
    const created = await world.cadre.household.create(householdInput(village()))
    const { idNumber: _stored, ...form } = householdInput(village(), {
      code: created.code,
      headName: created.headName,
      members: [],
    })
    const results = await Promise.allSettled(
      ['甲', '乙', '丙', '丁'].map((note) => world.cadre.household.update(editOf(created, form, { notes: note }))),
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    const stored = await world.cadre.household.byId({ id: created.id })
    expect(stored.version).toBe(created.version + 1)
    expect(stored.notes).toBe((won[0] as PromiseFulfilledResult<{ notes: string }>).value.notes)
  })

  it('keeps fields the form leaves out: omitted keeps, null clears', async () => {
    const created = await world.cadre.household.create(
      householdInput(village(), {
        wageIncomeFen: 1_200_000,
        transferIncomeFen: 360_000,
        monitoringStartedOn: '2024-03-01',
        monitoringEndedOn: '2025-03-01',
        helpMeasures: ['INDUSTRY'],
        groupName: '三社',
      }),
    )
    // The app's form shows neither the incomes nor the monitoring end, members or risks.
    const saved = await world.cadre.household.update({
      id: created.id,
      version: created.version,
      code: created.code,
      headName: created.headName,
      category: 'DIBAO',
      groupName: null,
    })
    expect(saved).toMatchObject({
      category: 'DIBAO',
      groupName: null,
      wageIncomeFen: 1_200_000,
      transferIncomeFen: 360_000,
      monitoringEndedOn: '2025-03-01',
      helpMeasures: ['INDUSTRY'],
      householdType: created.householdType,
    })
    expect(saved.members).toHaveLength(created.members.length)
    expect(saved.risks).toHaveLength(created.risks.length)
    const backwards = await failureOf(
      world.cadre.household.update({
        id: created.id,
        version: saved.version,
        code: created.code,
        headName: created.headName,
        category: 'DIBAO',
        monitoringStartedOn: '2025-06-01',
      }),
    )
    expect(backwards.appCode).toBe('VALIDATION_FAILED')
  })

  it('keeps no plaintext personal data in the retry table', async () => {
    const input = householdInput(village(), { clientMutationId: newClientMutationId() })
    const created = await world.cadre.household.create(input)
    expect(await world.cadre.household.create(input)).toEqual(created)
    const { idNumber: _kept, ...form } = input
    await world.cadre.household.update(editOf(created, form, { clientMutationId: newClientMutationId() }))
    const keys = dump(
      await world.deps.prisma.$queryRawUnsafe(
        `SELECT * FROM "IdempotencyKey" WHERE "userId" = $1::uuid`,
        world.ref.users.cadre.id,
      ),
    )
    for (const secret of [input.idNumber, input.phone as string, '高血压']) expect(keys).not.toContain(secret)
  })

  it('logs every reveal, even one retried with the same clientMutationId', async () => {
    const created = await world.cadre.household.create(householdInput(village()))
    const request = {
      id: created.id,
      field: 'idNumber' as const,
      reason: '核对身份',
      clientMutationId: newClientMutationId(),
    }
    await world.cadre.household.reveal(request)
    await world.cadre.household.reveal(request)
    expect(
      await world.deps.prisma.auditLog.count({ where: { action: 'household.reveal', entityId: created.id } }),
    ).toBe(2)
  })

  it('explains bad input in Chinese, field by field', async () => {
    const valid = fakeIdNumber('1970-01-01', 1)
    const wrongCheckDigit = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`
    const failure = await failureOf(
      world.cadre.household.create(householdInput(village(), { idNumber: wrongCheckDigit, headName: '' })),
    )
    expect(failure.code).toBe('BAD_REQUEST')
    const issues = (failure.cause as { issues: { path: string[]; message: string }[] }).issues
    expect(issues.every((i) => CHINESE.test(i.message))).toBe(true)
    expect(issues.find((i) => i.path.join('.') === 'idNumber')?.message).toBe('身份证号码校验位不正确，请核对')
    expect(issues.find((i) => i.path.join('.') === 'headName')?.message).toBe('请填写户主姓名')
  })
})
