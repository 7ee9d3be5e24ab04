// Retention: households whose monitoring ended more than N years ago lose what identifies people,
// and keep what the totals need.
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import {
  anonymiseExpiredHouseholds,
  GRACE_DAYS,
  pruneOperationalRecords,
  yearsBefore,
} from '../../server/services/retention/anonymise-households'
import { failureOf } from '../helpers/errors'
import { cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

describe('retention', () => {
  it('counts years on the calendar, leap days included', () => {
    expect(yearsBefore('2026-11-26', 5)).toBe('2021-11-26')
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28')
  })

  it('anonymises households past the period, keeps the money, and leaves the others alone', async () => {
    const village = world.ref.villages.qianyue.id
    const oldInput = householdInput(village, { monitoringStartedOn: '2016-03-01', monitoringEndedOn: '2019-12-31' })
    const recentInput = householdInput(village, { monitoringStartedOn: '2020-03-01', monitoringEndedOn: '2024-06-30' })
    const old = await world.cadre.household.create(oldInput)
    const recent = await world.cadre.household.create(recentInput)
    await world.cadre.visit.create({
      target: 'HOUSEHOLD',
      householdId: old.id,
      visitedOn: '2019-06-01',
      healthNotes: '心脏病术后',
      livingConditions: '独居',
      cashFen: 50_000,
    })
    await world.cadre.need.create({ householdId: old.id, category: 'MEDICAL', description: '马大爷需要复查' })
    await world.secretary.donation.create(
      cashDonationInput(village, 20_000, { recipientKind: 'HOUSEHOLD', householdId: old.id }),
    )
    const totalsBefore = (await world.admin.stats.summary({})).totals

    // An end date just recorded waits out the grace period: it may be a typo.
    const today = shanghaiDate()
    expect((await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today })).anonymised).toBe(0)
    const later = shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))
    const dryRun = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, isDryRun: true })
    expect(dryRun).toEqual({ endedBefore: yearsBefore(later, 5), anonymised: 1, failed: [], isDryRun: true })
    expect((await world.cadre.household.byId({ id: old.id })).anonymisedAt).toBeNull()

    const run = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later })
    expect(run).toMatchObject({ anonymised: 1, failed: [] })
    expect((await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later })).anonymised).toBe(0)

    const raw = JSON.stringify(
      await world.deps.prisma.$queryRawUnsafe(
        `SELECT h.*, m.*, v."livingConditions", v."healthEnc" AS vh, n.description
           FROM "Household" h JOIN "HouseholdMember" m ON m."householdId" = h.id
           LEFT JOIN "Visit" v ON v."householdId" = h.id LEFT JOIN "Need" n ON n."householdId" = h.id
          WHERE h.id = $1::uuid`,
        old.id,
      ),
      (_key, value) => (typeof value === 'bigint' ? value.toString() : value),
    )
    for (const secret of [oldInput.headName, oldInput.idNumber, oldInput.phone as string, '独居', '马大爷', 'v1:']) {
      expect(raw).not.toContain(secret)
    }
    const after = await world.cadre.household.byId({ id: old.id })
    expect(after).toMatchObject({ headName: '（已匿名）', idNumberMasked: null, phoneMasked: null })
    expect(after.anonymisedAt).toBeInstanceOf(Date)
    expect(after.permissions).toMatchObject({ canEdit: false, canReveal: false })
    expect(after.members.every((m) => m.health === null && m.idNumberMasked === null)).toBe(true)
    expect((await world.cadre.household.list({ search: oldInput.idNumber })).items).toEqual([])
    expect((await world.admin.stats.summary({})).totals).toEqual(totalsBefore)
    const edit = await failureOf(
      world.cadre.household.update({
        id: old.id,
        version: after.version,
        code: after.code,
        headName: '张三',
        category: after.category,
      }),
    )
    expect(edit.appCode).toBe('HOUSEHOLD_ANONYMISED')
    // Nor can new records bring back what was erased.
    const refused = await Promise.all([
      failureOf(world.cadre.visit.create({ target: 'HOUSEHOLD', householdId: old.id, visitedOn: '2026-11-01' })),
      failureOf(world.cadre.need.create({ householdId: old.id, category: 'MEDICAL', description: '马大爷又病了' })),
      failureOf(
        world.secretary.donation.create(
          cashDonationInput(village, 10_000, { recipientKind: 'HOUSEHOLD', householdId: old.id }),
        ),
      ),
    ])
    expect(refused.map((f) => f.appCode)).toEqual([
      'HOUSEHOLD_ANONYMISED',
      'HOUSEHOLD_ANONYMISED',
      'HOUSEHOLD_ANONYMISED',
    ])
    expect(refused[0]?.message).toBe('这户已过保存期限并匿名，不能再修改或新增记录')

    const untouched = await world.cadre.household.byId({ id: recent.id })
    expect(untouched).toMatchObject({ headName: recentInput.headName, anonymisedAt: null })
    expect(await world.deps.prisma.auditLog.count({ where: { action: 'retention.anonymise' } })).toBe(1)
  })

  it('anonymises households created together, whose ids share their time-ordered head', async () => {
    const village = world.ref.villages.qianyue.id
    const created = []
    for (let i = 0; i < 3; i++) {
      const input = householdInput(village, { monitoringStartedOn: '2015-01-01', monitoringEndedOn: '2018-12-31' })
      created.push(await world.cadre.household.create(input))
    }
    const later = shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))
    const run = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later })
    expect(run).toMatchObject({ anonymised: 3, failed: [] })
    const codes = await world.deps.prisma.household.findMany({
      where: { id: { in: created.map((h) => h.id) } },
      select: { code: true },
    })
    expect(new Set(codes.map((c) => c.code)).size).toBe(3)
  })

  it('deletes sessions, attempts and retry keys past their periods, and nothing newer', async () => {
    const user = world.ref.users.member.id
    const now = new Date('2026-11-26T00:00:00Z')
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)
    await world.deps.prisma.session.createMany({
      data: [
        { tokenHash: 'old', userId: user, method: 'PASSWORD', expiresAt: daysAgo(40) },
        { tokenHash: 'recent', userId: user, method: 'PASSWORD', expiresAt: daysAgo(5) },
      ],
    })
    await world.deps.prisma.authAttempt.createMany({
      data: [
        { kind: 'PASSWORD_LOGIN', subject: '13900000000', ip: '1.1.1.1', succeeded: false, createdAt: daysAgo(31) },
        { kind: 'PASSWORD_LOGIN', subject: '13900000000', ip: '1.1.1.1', succeeded: false, createdAt: daysAgo(1) },
      ],
    })
    expect(await pruneOperationalRecords(world.deps.prisma, now)).toMatchObject({ sessions: 1, attempts: 1 })
    expect(await world.deps.prisma.session.count({ where: { tokenHash: { in: ['old', 'recent'] } } })).toBe(1)
  })
})
