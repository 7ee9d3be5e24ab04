// 签收 on the cadre's phone: the recipient's signature kept as evidence (content hash, no
// metadata, served only in scope, never altered, audited), the handover 已签收 as PHONE_SIGNATURE,
// and the refusals: signed already, voided, out of scope, not a PNG.
import { createHash, randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSignaturePng } from '../../server/services/handovers/signature-bytes'
import { CHINESE, failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { serveWorld } from '../helpers/http-world'
import { signatureBase64, signaturePng } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
})

const newHandover = () =>
  world.cadre.handover.create({
    recipientKind: 'HOUSEHOLD',
    householdId,
    handedOverOn: '2025-01-23',
    cashFen: 50_000,
    goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }],
  })

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const SIGNED_AT = '2025-01-23T10:30:00+08:00'

describe('handover.sign', () => {
  it('keeps the signature as evidence and marks the handover 已签收 on the cadre’s phone', async () => {
    const handover = await newHandover()
    // A pad's PNG carrying metadata: none of it is kept.
    const withMetadata = await sharp(await signaturePng(1))
      .png()
      .withExif({ IFD0: { Copyright: 'SECRET-EXIF-TEXT', Artist: 'SECRET-ARTIST' } })
      .toBuffer()
    expect(withMetadata.includes('SECRET-EXIF-TEXT')).toBe(true)
    const signed = await world.cadre.handover.sign({
      id: handover.id,
      signaturePng: withMetadata.toString('base64'),
      signerName: '马小军',
      signedAt: SIGNED_AT,
    })
    expect(signed).toMatchObject({
      state: 'CONFIRMED',
      confirmation: 'PHONE_SIGNATURE',
      signature: { signerName: '马小军', width: 600, height: 240, url: `/handovers/${handover.id}/signature` },
    })
    expect(signed.confirmedAt?.toISOString()).toBe('2025-01-23T02:30:00.000Z')
    const row = await world.deps.prisma.handover.findUniqueOrThrow({ where: { id: handover.id } })
    expect(row.confirmedById).toBe(world.ref.users.cadre.id)

    const kept = await loadSignaturePng({
      db: world.deps.prisma,
      storage: world.deps.photos?.storage,
      handoverId: handover.id,
    })
    expect(kept).not.toBeNull()
    const png = kept?.png ?? Buffer.alloc(0)
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n')
    expect(sha256(png)).toBe(kept?.sha256)
    expect(png.includes('SECRET')).toBe(false)
    const meta = await sharp(png).metadata()
    expect(meta).toMatchObject({ format: 'png', width: 600, height: 240 })
    expect(meta.exif).toBeUndefined()

    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'handover.sign', entityId: handover.id },
    })
    expect(audit.actorId).toBe(world.ref.users.cadre.id)
    expect(JSON.stringify(audit.after)).toContain(kept?.sha256)
    expect(JSON.stringify(audit.after)).not.toContain('马小军')
  })

  it('is never altered: the database refuses to change a kept signature', async () => {
    const handover = await newHandover()
    await world.cadre.handover.sign({ id: handover.id, signaturePng: await signatureBase64(2), signedAt: SIGNED_AT })
    await expect(
      world.deps.prisma.handoverSignature.update({ where: { handoverId: handover.id }, data: { signerName: '别人' } }),
    ).rejects.toThrow(/never altered/)
  })

  it('answers a replay with the first result, and refuses a second signature', async () => {
    const handover = await newHandover()
    const clientMutationId = randomUUID()
    const input = { clientMutationId, id: handover.id, signaturePng: await signatureBase64(3), signedAt: SIGNED_AT }
    const first = await world.cadre.handover.sign(input)
    expect(await world.cadre.handover.sign(input)).toEqual(first)
    const again = await failureOf(
      world.secretary.handover.sign({ id: handover.id, signaturePng: await signatureBase64(4), signedAt: SIGNED_AT }),
    )
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'HANDOVER_NOT_PENDING' })
    expect(again.message).toMatch(CHINESE)
    expect(await world.deps.prisma.handoverSignature.count({ where: { handoverId: handover.id } })).toBe(1)
  })

  it('refuses a voided handover, one out of scope, and a resident', async () => {
    const voided = await newHandover()
    await world.cadre.handover.void({ id: voided.id, version: voided.version, reason: '登记错了' })
    const png = await signatureBase64(5)
    expect(
      await failureOf(world.cadre.handover.sign({ id: voided.id, signaturePng: png, signedAt: SIGNED_AT })),
    ).toMatchObject({ appCode: 'HANDOVER_ALREADY_VOIDED' })
    const handover = await newHandover()
    expect(
      await failureOf(world.otherCadre.handover.sign({ id: handover.id, signaturePng: png, signedAt: SIGNED_AT })),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await failureOf(world.resident.handover.sign({ id: handover.id, signaturePng: png, signedAt: SIGNED_AT })),
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect((await world.cadre.handover.byId({ id: handover.id })).state).toBe('PENDING')
  })

  it('refuses what is not a PNG signature, and a time from the future, in Chinese', async () => {
    const handover = await newHandover()
    const jpeg = (
      await sharp(await signaturePng(6))
        .flatten({ background: '#fff' })
        .jpeg()
        .toBuffer()
    ).toString('base64')
    const notPng = await failureOf(
      world.cadre.handover.sign({ id: handover.id, signaturePng: jpeg, signedAt: SIGNED_AT }),
    )
    expect(notPng).toMatchObject({ code: 'BAD_REQUEST', appCode: 'HANDOVER_SIGNATURE_UNREADABLE' })
    expect(notPng.message).toMatch(CHINESE)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    const late = await failureOf(
      world.cadre.handover.sign({ id: handover.id, signaturePng: await signatureBase64(6), signedAt: future }),
    )
    expect(late.message).toContain('手机的日期和时间')
    expect((await world.cadre.handover.byId({ id: handover.id })).state).toBe('PENDING')
  })

  it('leaves the resident nothing to confirm once signed', async () => {
    await world.deps.prisma.user.update({ where: { id: world.ref.users.resident.id }, data: { householdId } })
    const resident = await world.as(world.ref.users.resident.id)
    const handover = await newHandover()
    await world.cadre.handover.sign({ id: handover.id, signaturePng: await signatureBase64(7), signedAt: SIGNED_AT })
    expect(await failureOf(resident.handover.confirm({ id: handover.id, answer: 'RECEIVED' }))).toMatchObject({
      appCode: 'HANDOVER_NOT_PENDING',
    })
    const mine = await resident.handover.mine()
    expect(mine.find((h) => h.id === handover.id)).toMatchObject({
      state: 'CONFIRMED',
      confirmation: 'PHONE_SIGNATURE',
    })
  })
})

describe('GET /handovers/:id/signature', () => {
  it('serves the kept PNG to staff who see the handover, and nothing to others', async () => {
    const handover = await newHandover()
    await world.cadre.handover.sign({ id: handover.id, signaturePng: await signatureBase64(8), signedAt: SIGNED_AT })
    const { baseUrl, tokens } = await serveWorld(world, ['cadre', 'otherCadre', 'resident'])
    const get = (who: keyof typeof tokens, id = handover.id) =>
      fetch(`${baseUrl}/handovers/${id}/signature`, { headers: { authorization: `Bearer ${tokens[who]}` } })
    const ok = await get('cadre')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/png')
    const bytes = Buffer.from(await ok.arrayBuffer())
    expect(`"${sha256(bytes)}"`).toBe(ok.headers.get('etag'))
    expect((await get('otherCadre')).status).toBe(404)
    expect((await get('resident')).status).toBe(403)
    const unsigned = await newHandover()
    expect((await get('cadre', unsigned.id)).status).toBe(404)
  })
})
