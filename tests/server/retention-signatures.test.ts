// Retention and the signatures of a household's handovers: a recipient's signature (签字 on a
// cadre's phone) is personal data, so it goes when the household is anonymised, its row and its
// file in the photo store (unless another handover's signature has the same bytes); the handovers
// keep their state and every amount, so that the 对账 still adds up.
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { loadSignaturePng } from '../../server/services/handovers/signature-bytes'
import type { PhotoStorage } from '../../server/services/photos/storage'
import { anonymiseExpiredHouseholds, GRACE_DAYS } from '../../server/services/retention/anonymise-households'
import { householdInput } from '../helpers/factories'
import { signatureBase64 } from '../helpers/signature-png'
import { createWorld, type World } from '../helpers/world'

let world: World
let storage: PhotoStorage

beforeAll(async () => {
  world = await createWorld()
  storage = world.deps.photos?.storage as PhotoStorage
})

const laterThanGrace = () => shanghaiDate(new Date(Date.now() + (GRACE_DAYS + 1) * 86_400_000))

/** A handover to the household, signed on the cadre's phone with drawing `seed` unless null. */
const handoverTo = async (householdId: string, cashFen: number, seed: number | null) => {
  const handover = await world.cadre.handover.create({
    recipientKind: 'HOUSEHOLD',
    householdId,
    handedOverOn: '2017-06-01',
    cashFen,
    goods: [{ item: '大米', quantity: 2, unit: '袋', unitValueFen: 5_000 }],
  })
  if (seed === null) return handover
  return world.cadre.handover.sign({
    id: handover.id,
    signaturePng: await signatureBase64(seed),
    signerName: '马小军',
    signedAt: '2017-06-01T10:00:00+08:00',
  })
}

describe('retention of handover signatures', () => {
  it('deletes the signatures of its handovers with their files, keeps a file another signature shares, and keeps the handovers’ amounts', async () => {
    const village = world.ref.villages.qianyue.id
    const old = await world.cadre.household.create(
      householdInput(village, { monitoringStartedOn: '2014-01-01', monitoringEndedOn: '2017-12-31' }),
    )
    const recent = await world.cadre.household.create(
      householdInput(village, { monitoringStartedOn: '2020-01-01', monitoringEndedOn: '2024-12-31' }),
    )
    const signedAlone = await handoverTo(old.id, 30_000, 71)
    const signedShared = await handoverTo(old.id, 20_000, 72)
    const unsigned = await handoverTo(old.id, 10_000, null)
    // The same drawing signed for another household's handover: one stored file, shared.
    const othersShared = await handoverTo(recent.id, 5_000, 72)
    const keyOf = async (handoverId: string) =>
      (await world.deps.prisma.handoverSignature.findUniqueOrThrow({ where: { handoverId } })).storageKey
    const aloneKey = await keyOf(signedAlone.id)
    const sharedKey = await keyOf(signedShared.id)
    expect(await keyOf(othersShared.id)).toBe(sharedKey)
    expect([await storage.has(aloneKey), await storage.has(sharedKey)]).toEqual([true, true])
    const ours = [signedAlone.id, signedShared.id, unsigned.id]
    const amounts = () =>
      world.deps.prisma.handover.findMany({
        where: { id: { in: ours } },
        select: { id: true, state: true, confirmation: true, confirmedAt: true, cashFen: true, goodsValueFen: true },
        orderBy: { id: 'asc' },
      })
    const amountsBefore = await amounts()

    const later = laterThanGrace()
    const dryRun = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, isDryRun: true })
    expect(dryRun).toMatchObject({ anonymised: 1, signaturesRemoved: 2 })
    expect(await world.deps.prisma.handoverSignature.count({ where: { handoverId: { in: ours } } })).toBe(2)

    const run = await anonymiseExpiredHouseholds(world.deps.prisma, { years: 5, today: later, photos: storage })
    expect(run).toMatchObject({ anonymised: 1, signaturesRemoved: 2, failed: [] })
    expect(await world.deps.prisma.handoverSignature.count({ where: { handoverId: { in: ours } } })).toBe(0)
    expect(await storage.has(aloneKey), 'no signature uses it any more').toBe(false)
    expect(await storage.has(sharedKey), 'the other household’s signature still uses it').toBe(true)
    expect(await loadSignaturePng({ db: world.deps.prisma, storage, handoverId: othersShared.id })).toMatchObject({
      signerName: '马小军',
    })
    for (const id of [signedAlone.id, signedShared.id]) {
      expect(await loadSignaturePng({ db: world.deps.prisma, storage, handoverId: id })).toBeNull()
    }

    // Signed is still signed, and every amount stays for the 对账.
    expect(await amounts()).toEqual(amountsBefore)
    expect(amountsBefore.filter((h) => h.confirmation === 'PHONE_SIGNATURE')).toHaveLength(2)
    const shown = await world.cadre.handover.byId({ id: signedAlone.id })
    expect(shown).toMatchObject({ state: 'CONFIRMED', confirmation: 'PHONE_SIGNATURE', signature: null })

    const audited = await world.deps.prisma.auditLog.findMany({
      where: { action: 'retention.signature.remove' },
      select: { actorId: true, entityType: true, entityId: true, before: true },
    })
    expect(audited.map((a) => (a.before as { handoverId?: string }).handoverId).sort()).toEqual(
      [signedAlone.id, signedShared.id].sort(),
    )
    expect(audited.every((a) => a.actorId === null && a.entityType === 'HandoverSignature')).toBe(true)
    expect(JSON.stringify(audited)).not.toContain('马小军')
    const anonymise = await world.deps.prisma.auditLog.findFirst({
      where: { action: 'retention.anonymise', entityId: old.id },
      select: { after: true },
    })
    expect(anonymise?.after).toMatchObject({ signatures: 2 })
    // Nothing of the recent household's is touched.
    expect(await world.deps.prisma.handoverSignature.count({ where: { handoverId: othersShared.id } })).toBe(1)
  })
})
