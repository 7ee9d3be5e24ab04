// Retention: households whose monitoring ended more than N years ago lose what identifies people,
// and keep what the totals need; the photos of their visits and donations go, files included.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { loadActor } from '../../server/services/auth/actor'
import { photoKey, thumbnailKey } from '../../server/services/photos/photo-blobs'
import type { PhotoTarget } from '../../server/services/photos/photo-records'
import { processPhoto } from '../../server/services/photos/process-photo'
import { folderStorage, type PhotoStorage } from '../../server/services/photos/storage'
import { storePhoto } from '../../server/services/photos/store-photo'
import {
  anonymiseExpiredHouseholds,
  GRACE_DAYS,
  pruneOperationalRecords,
  yearsBefore,
} from '../../server/services/retention/anonymise-households'
import { failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let dir: string
let storage: PhotoStorage

beforeAll(async () => {
  world = await createWorld()
  dir = await mkdtemp(path.join(tmpdir(), 'pdrl-retention-photos-'))
  storage = folderStorage(dir)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A processed photo of one colour: the same colour, the same bytes and hash. */
const photoOf = async (background: string) =>
  processPhoto(
    await sharp({ create: { width: 64, height: 48, channels: 3, background } })
      .png()
      .toBuffer(),
  )

/** Stores a photo as the upload route does: storePhoto, as the user, in a transaction. */
const storeAs = (userId: string, target: PhotoTarget, background: string) =>
  world.deps.prisma.$transaction(async (tx) => {
    const actor = await loadActor(tx, userId)
    const ctx = { db: tx, crypto: world.deps.crypto, requestId: randomUUID(), log: world.deps.log, actor }
    return (await storePhoto({ ctx, storage, target, photo: await photoOf(background) })).photo
  })

const laterThanGrace = () => shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))

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
    expect(dryRun).toEqual({
      endedBefore: yearsBefore(later, 5),
      anonymised: 1,
      photosRemoved: 0,
      signaturesRemoved: 0,
      failed: [],
      isDryRun: true,
    })
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

  it('deletes the photos of its visits and donations with their files, keeps a file another photo shares, and keeps activities’ photos', async () => {
    const { villages, orgs, users } = world.ref
    const village = villages.qianyue.id
    const input = householdInput(village, { monitoringStartedOn: '2014-01-01', monitoringEndedOn: '2017-12-31' })
    const householdId = (await world.cadre.household.create(input)).id
    const visitId = (await world.cadre.visit.create({ target: 'HOUSEHOLD', householdId, visitedOn: '2017-06-01' })).id
    const donationId = (
      await world.secretary.donation.create(
        cashDonationInput(village, 10_000, { recipientKind: 'HOUSEHOLD', householdId }),
      )
    ).id
    const activityId = (
      await world.secretary.activity.create(activityInput(orgs.bureauBranch.id, { villageId: village }))
    ).id
    const onVisit = await storeAs(users.cadre.id, { kind: 'visit', id: visitId }, '#aa0000')
    const onDonation = await storeAs(users.secretary.id, { kind: 'donation', id: donationId }, '#00aa00')
    // The same bytes as the visit's photo: one stored file, shared.
    const onActivity = await storeAs(users.secretary.id, { kind: 'activity', id: activityId }, '#aa0000')
    expect(onActivity.sha256).toBe(onVisit.sha256)
    const filesOf = async (sha256: string) => [
      await storage.has(photoKey(sha256)),
      await storage.has(thumbnailKey(sha256)),
    ]
    expect(await filesOf(onDonation.sha256)).toEqual([true, true])

    const later = laterThanGrace()
    const dryRun = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, isDryRun: true })
    expect(dryRun).toMatchObject({ anonymised: 1, photosRemoved: 2 })
    expect(await world.deps.prisma.photo.count({ where: { id: { in: [onVisit.id, onDonation.id] } } })).toBe(2)

    const run = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, photos: storage })
    expect(run).toMatchObject({ anonymised: 1, photosRemoved: 2, failed: [] })
    const left = await world.deps.prisma.photo.findMany({
      where: { id: { in: [onVisit.id, onDonation.id, onActivity.id] } },
      select: { id: true },
    })
    expect(left.map((p) => p.id)).toEqual([onActivity.id])
    expect(await filesOf(onDonation.sha256), 'no photo uses it any more').toEqual([false, false])
    expect(await filesOf(onVisit.sha256), 'the activity’s photo still uses it').toEqual([true, true])
    expect((await world.secretary.photo.listFor({ activityId })).items.map((p) => p.id)).toEqual([onActivity.id])

    const audited = await world.deps.prisma.auditLog.findMany({
      where: { action: 'retention.photo.remove' },
      select: { actorId: true, entityType: true, entityId: true, before: true },
      orderBy: { entityId: 'asc' },
    })
    expect(audited).toEqual(
      [onVisit, onDonation]
        .map((p) => ({
          actorId: null,
          entityType: 'Photo',
          entityId: p.id,
          before: expect.objectContaining({ sha256: p.sha256 }),
        }))
        .sort((a, b) => (a.entityId < b.entityId ? -1 : 1)),
    )
    const anonymise = await world.deps.prisma.auditLog.findFirst({
      where: { action: 'retention.anonymise', entityId: householdId },
      select: { after: true },
    })
    expect(anonymise?.after).toMatchObject({ photos: 2 })
  })
})
