// Photos of a handover (发放现场), taken on the phone the recipient signs on, over real HTTP: the
// upload for whoever may take the handover's signature, in scope, after it is signed too; refused
// out of scope (as a handover that does not exist), for a voided handover and for an anonymised
// household's; served and listed only in scope; and removed by retention with the household's
// other personal data, the file kept while another photo shares it.
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { type Caller, callerFor } from '../../server/caller'
import { photoKey, thumbnailKey } from '../../server/services/photos/photo-blobs'
import type { PhotoStorage } from '../../server/services/photos/storage'
import { anonymiseExpiredHouseholds, GRACE_DAYS } from '../../server/services/retention/anonymise-households'
import { CHINESE, failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { serveWorld } from '../helpers/http-world'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'

type PhotoBody = { id: string; sha256: string; handoverId: string | null; url: string; thumbnailUrl: string }
type ErrorBody = { error: { code: string; message: string } }

let world: World
let storage: PhotoStorage
let baseUrl: string
let tokens: Record<'secretary' | 'cadre' | 'member' | 'otherCadre' | 'resident', string>
let otherCadre: Caller

beforeAll(async () => {
  world = await createWorld()
  storage = world.deps.photos?.storage as PhotoStorage
  const served = await serveWorld(world, ['secretary', 'cadre', 'member', 'otherCadre', 'resident'])
  baseUrl = served.baseUrl
  tokens = served.tokens
  otherCadre = await callerFor(world.deps, world.ref.users.otherCadre.id)
})

const jpeg = (background: string) =>
  sharp({ create: { width: 96, height: 64, channels: 3, background } })
    .jpeg()
    .toBuffer()

const upload = async (token: string | null, query: Record<string, string>, bytes: Buffer) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg')
  return fetch(`${baseUrl}/uploads/photo?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  })
}

const download = (token: string, url: string) =>
  fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } })

const expectRefused = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status)
  const body = (await response.json()) as ErrorBody
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(CHINESE)
  return body
}

/** A handover to the household by the village's cadre, signed on their phone unless told not to. */
const handoverTo = async (householdId: string, { isSigned = true, handedOverOn = '2025-01-23' } = {}) => {
  const handover = await world.cadre.handover.create({
    recipientKind: 'HOUSEHOLD',
    householdId,
    handedOverOn,
    cashFen: 20_000,
    goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }],
  })
  if (!isSigned) return handover
  return world.cadre.handover.sign({
    id: handover.id,
    signaturePng: await signatureBase64(31),
    signedAt: `${handedOverOn}T10:00:00+08:00`,
  })
}

describe('a handover’s photos', () => {
  it('are uploaded by whoever may take its signature, before or after it is signed, and listed and served in scope', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const pending = await handoverTo(household.id, { isSigned: false })
    const signed = await handoverTo(household.id)
    expect(signed.state).toBe('CONFIRMED')

    const first = await upload(
      tokens.cadre,
      { handoverId: signed.id, takenAt: '2025-01-23T10:01:00+08:00' },
      await jpeg('#3060a0'),
    )
    expect(first.status).toBe(201)
    const photo = (await first.json()) as PhotoBody
    expect(photo.handoverId).toBe(signed.id)
    // The queue replays an upload whose answer was lost: the same Photo.
    const replay = await upload(tokens.cadre, { handoverId: signed.id }, await jpeg('#3060a0'))
    expect(replay.status).toBe(200)
    expect(((await replay.json()) as PhotoBody).id).toBe(photo.id)
    expect((await upload(tokens.secretary, { handoverId: pending.id }, await jpeg('#a03060'))).status).toBe(201)

    const listed = await world.cadre.photo.listFor({ handoverId: signed.id })
    expect(listed.items.map((p) => p.id)).toEqual([photo.id])
    expect(listed.items[0]).toMatchObject({ handoverId: signed.id, takenAt: new Date('2025-01-23T02:01:00.000Z') })
    const served = await download(tokens.cadre, photo.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect((await download(tokens.member, photo.thumbnailUrl)).status).toBe(200)

    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'photo.create', entityId: photo.id },
    })
    expect(audit.after).toMatchObject({ handoverId: signed.id, sha256: photo.sha256 })
  })

  it('are refused out of scope as a handover that does not exist, and to those who may not take its evidence', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const handover = await handoverTo(household.id)
    const image = await jpeg('#208040')
    await expectRefused(await upload(null, { handoverId: handover.id }, image), 401, 'UNAUTHENTICATED')
    await expectRefused(await upload(tokens.resident, { handoverId: handover.id }, image), 403, 'FORBIDDEN')
    const outOfScope = await expectRefused(
      await upload(tokens.otherCadre, { handoverId: handover.id }, image),
      404,
      'NOT_FOUND',
    )
    const missing = await expectRefused(
      await upload(tokens.otherCadre, { handoverId: randomUUID() }, image),
      404,
      'NOT_FOUND',
    )
    expect(outOfScope.error.message).toBe(missing.error.message)
    // A member sees the handover but neither gave it nor keeps the village's records.
    await expectRefused(await upload(tokens.member, { handoverId: handover.id }, image), 403, 'FORBIDDEN')
    await expectRefused(
      await upload(tokens.cadre, { handoverId: handover.id, visitId: randomUUID() }, image),
      400,
      'VALIDATION_FAILED',
    )
    expect(await world.deps.prisma.photo.count({ where: { handoverId: handover.id } })).toBe(0)

    // Out of scope, a kept photo is not listed, served or removable.
    const kept = (await (await upload(tokens.cadre, { handoverId: handover.id }, image)).json()) as PhotoBody
    expect((await failureOf(otherCadre.photo.listFor({ handoverId: handover.id }))).code).toBe('NOT_FOUND')
    await expectRefused(await download(tokens.otherCadre, kept.url), 404, 'NOT_FOUND')
    await expectRefused(await download(tokens.otherCadre, kept.thumbnailUrl), 404, 'NOT_FOUND')
    expect((await failureOf(otherCadre.photo.remove({ id: kept.id }))).code).toBe('NOT_FOUND')
    expect((await failureOf(world.member.photo.remove({ id: kept.id }))).code).toBe('FORBIDDEN')
    expect(await world.cadre.photo.remove({ id: kept.id })).toMatchObject({ id: kept.id, isRemoved: true })
  })

  it('are refused for a voided handover', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const handover = await handoverTo(household.id, { isSigned: false })
    await world.cadre.handover.void({ id: handover.id, version: handover.version, reason: '登记错了' })
    const refused = await expectRefused(
      await upload(tokens.cadre, { handoverId: handover.id }, await jpeg('#808080')),
      409,
      'HANDOVER_ALREADY_VOIDED',
    )
    expect(refused.error.message).toContain('作废')
  })
})

describe('retention of handover photos', () => {
  it('removes the photos of an anonymised household’s handovers with their files, keeps a file another photo shares, and refuses new ones', async () => {
    const village = world.ref.villages.qianyue.id
    const old = await world.cadre.household.create(
      householdInput(village, { monitoringStartedOn: '2014-01-01', monitoringEndedOn: '2017-12-31' }),
    )
    const recent = await world.cadre.household.create(
      householdInput(village, { monitoringStartedOn: '2020-01-01', monitoringEndedOn: '2024-12-31' }),
    )
    const oldHandover = await handoverTo(old.id, { handedOverOn: '2017-06-01' })
    const recentHandover = await handoverTo(recent.id)
    const alone = (await (
      await upload(tokens.cadre, { handoverId: oldHandover.id }, await jpeg('#c02020'))
    ).json()) as PhotoBody
    const sharedBytes = await jpeg('#20c020')
    const shared = (await (await upload(tokens.cadre, { handoverId: oldHandover.id }, sharedBytes)).json()) as PhotoBody
    const othersShared = (await (
      await upload(tokens.cadre, { handoverId: recentHandover.id }, sharedBytes)
    ).json()) as PhotoBody
    expect(othersShared.sha256).toBe(shared.sha256)

    const later = shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))
    const dryRun = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, isDryRun: true })
    expect(dryRun).toMatchObject({ anonymised: 1, photosRemoved: 2 })
    const run = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, photos: storage })
    expect(run).toMatchObject({ anonymised: 1, photosRemoved: 2, failed: [] })

    expect(await world.deps.prisma.photo.count({ where: { handoverId: oldHandover.id } })).toBe(0)
    expect([await storage.has(photoKey(alone.sha256)), await storage.has(thumbnailKey(alone.sha256))]).toEqual([
      false,
      false,
    ])
    expect(await storage.has(photoKey(shared.sha256)), 'the other household’s photo still uses it').toBe(true)
    expect((await download(tokens.cadre, othersShared.url)).status).toBe(200)
    const audited = await world.deps.prisma.auditLog.findMany({
      where: { action: 'retention.photo.remove', entityId: { in: [alone.id, shared.id] } },
      select: { actorId: true },
    })
    expect(audited).toEqual([{ actorId: null }, { actorId: null }])
    const anonymise = await world.deps.prisma.auditLog.findFirst({
      where: { action: 'retention.anonymise', entityId: old.id },
      select: { after: true },
    })
    expect(anonymise?.after).toMatchObject({ photos: 2 })
    // The handover stays, signed, with its amounts; a photo of it would bring back what went.
    expect(await world.cadre.handover.byId({ id: oldHandover.id })).toMatchObject({
      state: 'CONFIRMED',
      cashFen: 20_000,
    })
    await expectRefused(
      await upload(tokens.cadre, { handoverId: oldHandover.id }, await jpeg('#2020c0')),
      409,
      'HOUSEHOLD_ANONYMISED',
    )
  })
})
