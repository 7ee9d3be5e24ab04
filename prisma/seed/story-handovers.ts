// Where the story's ¥44,000 went, as the 发放签收表 records it: each household visited received a
// bag of rice, a bag of flour, a bucket of oil and ¥500, from the bureau's goods and the first
// firm's cash; the same afternoon, at the village committee, each 前跃村 household received
// ¥6,800 of the firms' 慰问金, and the resident cadre took the rest of the goods for the work
// team to hand out (as the goods donation's note says). Nothing is left: the balance is ¥0.00.

import type { THandoverDraw } from '../../common/contracts/handover/handover-draws'
import type { TGoodsLine } from '../../common/goods'
import type { Caller } from '../../server/caller'

type RecordedDonation = {
  id: string
  amountFen: number
  goods: { id: string; item: string; quantity: number; unit: string; unitValueFen: number }[]
}

/** Draws for the goods lines, each from the donation's line of the same item. */
export const goodsDraws = (donation: RecordedDonation, goods: readonly TGoodsLine[]): THandoverDraw[] =>
  goods.map((line) => {
    const from = donation.goods.find((g) => g.item === line.item)
    if (!from) throw new Error(`the goods donation has no ${line.item}`)
    return { donationId: donation.id, donationGoodsId: from.id, quantity: line.quantity }
  })

/** Takes cash from the donations in order, as the treasurer would: each until it is spent. */
export const cashDrawer = (donations: readonly RecordedDonation[]) => {
  const left = new Map(donations.map((d) => [d.id, d.amountFen]))
  return (cashFen: number): THandoverDraw[] => {
    const draws: THandoverDraw[] = []
    let owed = cashFen
    for (const d of donations) {
      const take = Math.min(owed, left.get(d.id) ?? 0)
      if (take <= 0) continue
      left.set(d.id, (left.get(d.id) ?? 0) - take)
      draws.push({ donationId: d.id, cashFen: take })
      owed -= take
      if (owed === 0) break
    }
    if (owed > 0) throw new Error('the story hands over more cash than was given')
    return draws
  }
}

/** What remains of the goods donation after the visits: the work team takes it all. */
export const remainingGoods = (donation: RecordedDonation, handedPerHousehold: readonly TGoodsLine[], visits: number) =>
  donation.goods.map((g) => {
    const handed = handedPerHousehold.find((h) => h.item === g.item)?.quantity ?? 0
    return { item: g.item, quantity: g.quantity - handed * visits, unit: g.unit, unitValueFen: g.unitValueFen }
  })

/** The distribution at the village committee: ¥6,800 to each household, the goods to the cadre. */
export const replayDistribution = async ({
  secretary,
  activityId,
  villageId,
  cadreUserId,
  handedOverOn,
  householdIds,
  drawCash,
  goodsDonation,
  leftGoods,
}: {
  secretary: Caller
  activityId: string
  villageId: string
  cadreUserId: string
  handedOverOn: string
  householdIds: string[]
  drawCash: (cashFen: number) => THandoverDraw[]
  goodsDonation: RecordedDonation
  leftGoods: TGoodsLine[]
}) => {
  for (const householdId of householdIds) {
    await secretary.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId,
      activityId,
      handedOverOn,
      cashFen: 680_000,
      draws: drawCash(680_000),
      note: '村委会集中发放慰问金',
    })
  }
  await secretary.handover.create({
    recipientKind: 'CADRE',
    cadreUserId,
    villageId,
    activityId,
    handedOverOn,
    goods: leftGoods,
    draws: goodsDraws(goodsDonation, leftGoods),
    note: '慰问物资交驻村工作队统一发放',
  })
}
