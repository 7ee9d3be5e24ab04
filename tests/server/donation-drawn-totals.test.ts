// What live draws took from each goods line and each cash donation is kept on the line and the
// donation, which 对账 reads instead of the draws (migration 20261215090000_donation_drawn_totals).
// The triggers keep it in the same transaction as every write of a draw: after handovers drawn and
// voided, drawn and voided from several sessions at once on the same lines (in opposite orders,
// without a deadlock), and draws deleted outright, every kept total equals its recount
// (drawn_totals_diff(), which the weekly stats check also runs), and drawn_totals_rebuild() puts a
// total that was tampered with back.
import { beforeAll, describe, expect, it } from 'vitest'
import { replayStory } from '../../prisma/seed/story'
import { rollupDifferences } from '../../server/services/stats/check-rollups'
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
const NAMES = ['李桂兰', '祁有才', '韩永福', '马德林']

/** Kept totals that differ from a recount from the live draws (none, if the triggers hold). */
const drawnDiff = () =>
  world.deps.prisma.$queryRaw<{ rollup: string; kept: string | null; recounted: string | null }[]>`
    SELECT * FROM drawn_totals_diff()`

const kept = async (donationId: string) => {
  const [cash] = await world.deps.prisma.$queryRaw<{ fen: bigint }[]>`
    SELECT "drawnCashFen" AS fen FROM "Donation" WHERE id = ${donationId}::uuid`
  const lines = await world.deps.prisma.$queryRaw<
    { item: string; quantity: bigint; fen: bigint; draws: number }[]
  >`SELECT item, "drawnQuantity" AS quantity, "drawnFen" AS fen, "drawCount" AS draws
    FROM "DonationGoods" WHERE "donationId" = ${donationId}::uuid ORDER BY id`
  return {
    cashFen: Number(cash?.fen ?? 0),
    lines: lines.map((l) => [l.item, Number(l.quantity), Number(l.fen), l.draws]),
  }
}

const goodsDonation = () =>
  world.secretary.donation.create({
    ...cashDonationInput(qianyue(), 0, { receivedOn: '2025-04-01' }),
    kind: 'GOODS',
    amountFen: undefined,
    goods: [
      { item: '大米', quantity: 40, unit: '袋', unitValueFen: 10_000 },
      { item: '食用油', quantity: 40, unit: '桶', unitValueFen: 5_000 },
    ],
  })

/** A handover of one unit of each line, drawn in the lines' order or the reverse. */
const goodsHandover = (
  donation: Awaited<ReturnType<typeof goodsDonation>>,
  name: string,
  { reversed = false }: { reversed?: boolean } = {},
) => {
  const lines = reversed ? [...donation.goods].reverse() : donation.goods
  return world.secretary.handover.create({
    recipientKind: 'HOUSEHOLD',
    householdId: household(name),
    handedOverOn: '2025-04-02',
    goods: lines.map((g) => ({ item: g.item, quantity: 1, unit: g.unit, unitValueFen: g.unitValueFen })),
    draws: lines.map((g) => ({ donationId: donation.id, donationGoodsId: g.id, quantity: 1 })),
  })
}

describe('what live draws took, kept per goods line and per cash donation', () => {
  it('follows handovers drawn and voided, and 对账 reads it', async () => {
    const cash = await world.secretary.donation.create(
      cashDonationInput(qianyue(), 30_000, { receivedOn: '2025-04-01' }),
    )
    const goods = await goodsDonation()
    const first = await world.secretary.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: household('李桂兰'),
      handedOverOn: '2025-04-02',
      cashFen: 12_000,
      goods: [{ item: '大米', quantity: 3, unit: '袋', unitValueFen: 10_000 }],
      draws: [
        { donationId: cash.id, cashFen: 12_000 },
        { donationId: goods.id, donationGoodsId: goods.goods[0]?.id, quantity: 3 },
      ],
    })
    const second = await goodsHandover(goods, '祁有才')
    expect(await kept(cash.id)).toEqual({ cashFen: 12_000, lines: [] })
    expect(await kept(goods.id)).toEqual({
      cashFen: 0,
      lines: [
        ['大米', 4, 40_000, 2],
        ['食用油', 1, 5_000, 1],
      ],
    })
    await world.secretary.handover.void({ id: first.id, version: first.version, reason: '录错了户' })
    expect(await kept(cash.id)).toEqual({ cashFen: 0, lines: [] })
    expect(await kept(goods.id)).toEqual({
      cashFen: 0,
      lines: [
        ['大米', 1, 10_000, 1],
        ['食用油', 1, 5_000, 1],
      ],
    })
    const r = await world.secretary.donation.reconciliation({ donationId: goods.id })
    expect(r.totals.handedOver.goods).toEqual([
      { item: '大米', unit: '袋', quantity: 1, valueFen: 10_000 },
      { item: '食用油', unit: '桶', quantity: 1, valueFen: 5_000 },
    ])
    expect(r.totals.balance.goodsValueFen).toBe(40 * 10_000 + 40 * 5_000 - 15_000)
    expect(r.totals).toMatchObject({ handoverCount: 1, recipientCount: 1 })
    await world.secretary.handover.void({ id: second.id, version: second.version, reason: '重复登记' })
    const after = await world.secretary.donation.reconciliation({ donationId: goods.id })
    expect(after.totals.handedOver.goods).toEqual([])
    expect(await drawnDiff()).toEqual([])
  })

  it('stays exact with handovers drawn and voided from several sessions at once, in opposite orders', async () => {
    const goods = await goodsDonation()
    const cash = await world.secretary.donation.create(
      cashDonationInput(qianyue(), 100_000, { receivedOn: '2025-04-03' }),
    )
    const cashHandover = (name: string, cashFen: number) =>
      world.secretary.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household(name),
        handedOverOn: '2025-04-04',
        cashFen,
        draws: [{ donationId: cash.id, cashFen }],
      })
    const made = await Promise.all(NAMES.map((name, i) => goodsHandover(goods, name, { reversed: i % 2 === 1 })))
    const paid = await Promise.all(NAMES.map((name) => cashHandover(name, 10_000)))
    const voids = [...made, ...paid]
      .filter((_, i) => i % 2 === 0 || i >= NAMES.length)
      .map((h) => world.secretary.handover.void({ id: h.id, version: h.version, reason: '重复登记' }))
    const more = NAMES.flatMap((name, i) => [
      goodsHandover(goods, name, { reversed: i % 2 === 0 }),
      cashHandover(name, 5_000),
    ])
    const settled = await Promise.allSettled([...voids, ...more])
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([])
    expect(await drawnDiff()).toEqual([])
    // Two of the first four goods handovers and all four of the later ones are live.
    expect(await kept(goods.id)).toEqual({
      cashFen: 0,
      lines: [
        ['大米', 6, 60_000, 6],
        ['食用油', 6, 30_000, 6],
      ],
    })
    expect(await kept(cash.id)).toEqual({ cashFen: 4 * 5_000, lines: [] })
    const r = await world.secretary.donation.reconciliation({ donationId: cash.id })
    expect(r.totals.balance.cashFen).toBe(100_000 - 20_000)
  })

  it('follows draws deleted outright, and every kept total equals its recount', async () => {
    const cash = await world.secretary.donation.create(
      cashDonationInput(qianyue(), 50_000, { receivedOn: '2025-04-05' }),
    )
    const handover = await world.secretary.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: household('马德林'),
      handedOverOn: '2025-04-06',
      cashFen: 7_000,
      draws: [{ donationId: cash.id, cashFen: 7_000 }],
    })
    expect((await kept(cash.id)).cashFen).toBe(7_000)
    // As a cascade from its handover would: the draw's share goes with it.
    await world.deps.prisma.handoverDraw.deleteMany({ where: { handoverId: handover.id } })
    expect((await kept(cash.id)).cashFen).toBe(0)
    expect(await drawnDiff()).toEqual([])
    expect(await rollupDifferences(world.deps.prisma)).toEqual([])
  })

  it('shows a tampered total in the recount and drawn_totals_rebuild() puts it back', async () => {
    const goods = await goodsDonation()
    await goodsHandover(goods, '韩永福')
    const line = goods.goods[0]?.id as string
    await world.deps.prisma.$executeRaw`UPDATE "DonationGoods" SET "drawnQuantity" = 99 WHERE id = ${line}::uuid`
    const differences = await drawnDiff()
    expect(differences).toHaveLength(1)
    expect(differences[0]).toMatchObject({ rollup: 'DonationGoods.drawn' })
    expect(await rollupDifferences(world.deps.prisma)).toHaveLength(1)
    await world.deps.prisma.$executeRaw`SELECT drawn_totals_rebuild()`
    expect(await drawnDiff()).toEqual([])
    expect((await kept(goods.id)).lines[0]).toEqual(['大米', 1, 10_000, 1])
  })
})
