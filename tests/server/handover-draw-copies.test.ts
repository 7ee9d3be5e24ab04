// Each draw carries a copy of its handover's voidedAt and recipient, which 对账 reads instead of the
// handover (migration 20261214090000_handover_draw_copies). The triggers keep them in the same
// transaction as every write: a handover created with its draws, voided, voided by a corrected
// visit, and handovers written and voided from several sessions at once on one donation.
import { beforeAll, describe, expect, it } from 'vitest'
import { replayStory } from '../../prisma/seed/story'
import { cashDonationInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
})

const qianyue = () => world.ref.villages.qianyue.id
const household = (name: string) => story.households[name] as string

/** Draws whose copies differ from their handover's own values (none, if the triggers hold). */
const strayDraws = () =>
  world.deps.prisma.$queryRaw<{ id: string }[]>`
    SELECT dr.id::text AS id FROM "HandoverDraw" dr JOIN "Handover" h ON h.id = dr."handoverId"
    WHERE dr."handoverVoidedAt" IS DISTINCT FROM h."voidedAt"
       OR dr."recipientId" IS DISTINCT FROM COALESCE(h."householdId", h."cadreUserId")`

const cashHandover = (donationId: string, name: string, cashFen: number) =>
  world.secretary.handover.create({
    recipientKind: 'HOUSEHOLD',
    householdId: household(name),
    handedOverOn: '2025-04-02',
    cashFen,
    draws: [{ donationId, cashFen }],
  })

describe('a draw’s copy of its handover', () => {
  it('holds the recipient when drawn and the void once voided, and 对账 follows it', async () => {
    const donation = await world.secretary.donation.create(
      cashDonationInput(qianyue(), 30_000, { receivedOn: '2025-04-01' }),
    )
    const kept = await cashHandover(donation.id, '李桂兰', 10_000)
    const voided = await cashHandover(donation.id, '祁有才', 20_000)
    const draws = await world.deps.prisma.handoverDraw.findMany({
      where: { donationId: donation.id },
      select: { handoverId: true, recipientId: true, handoverVoidedAt: true },
    })
    expect(draws.map((d) => [d.handoverId, d.recipientId, d.handoverVoidedAt]).sort()).toEqual(
      [
        [kept.id, household('李桂兰'), null],
        [voided.id, household('祁有才'), null],
      ].sort(),
    )
    await world.secretary.handover.void({ id: voided.id, version: voided.version, reason: '录错了户' })
    const after = await world.deps.prisma.handoverDraw.findFirstOrThrow({ where: { handoverId: voided.id } })
    const handover = await world.deps.prisma.handover.findUniqueOrThrow({ where: { id: voided.id } })
    expect(after.handoverVoidedAt).toEqual(handover.voidedAt)
    const r = await world.secretary.donation.reconciliation({ donationId: donation.id })
    expect(r.totals).toMatchObject({ handoverCount: 1, recipientCount: 1 })
    expect(r.totals.balance.cashFen).toBe(20_000)
    expect(await strayDraws()).toEqual([])
  })

  it('stays exact with handovers drawn and voided from several sessions at once on one donation', async () => {
    const donation = await world.secretary.donation.create(
      cashDonationInput(qianyue(), 100_000, { receivedOn: '2025-04-03' }),
    )
    const names = ['李桂兰', '祁有才', '韩永福', '马德林']
    const first = await Promise.all(names.map((name) => cashHandover(donation.id, name, 10_000)))
    const voids = first
      .slice(0, 2)
      .map((h) => world.secretary.handover.void({ id: h.id, version: h.version, reason: '重复登记' }))
    const more = names.map((name) => cashHandover(donation.id, name, 5_000))
    const settled = await Promise.allSettled([...voids, ...more])
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([])
    expect(await strayDraws()).toEqual([])
    const r = await world.secretary.donation.reconciliation({ donationId: donation.id })
    expect(r.totals).toMatchObject({ handoverCount: 6, recipientCount: 4 })
    expect(r.totals.handedOver.cashFen).toBe(2 * 10_000 + 4 * 5_000)
    expect(r.totals.balance.cashFen).toBe(100_000 - 40_000)
  })
})
