// What a handover may draw from donations: no more than each donation still holds, to the fen for
// cash and per goods line for goods, and no more than the handover itself hands over. The
// donations drawn on are locked (FOR UPDATE, in id order) before their balances are read, so two
// handovers drawing on the same donation at once are checked one after the other and cannot
// together overdraw it.

import type { THandoverDraw } from '../../../common/contracts/handover/handover-draws'
import { formatFen } from '../../../common/money'
import type { Tx } from '../../db/client'
import { AppError, fieldError } from '../../errors'
import { Prisma } from '../../generated/prisma/client'
import { toFen } from '../../lib/fen'
import { donationScope } from '../scope'
import type { ServiceContext } from '../service-context'

/** Locks the donations' rows until the transaction ends; a void or another draw waits. */
export const lockDonations = async (db: Tx, donationIds: string[]) => {
  const ids = [...new Set(donationIds)].sort()
  if (!ids.length) return
  await db.$queryRaw(Prisma.sql`SELECT id FROM "Donation" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`)
}

/** Fen and goods drawn by live (not voided) handovers, per donation and per goods line. */
export const drawnSoFar = async (db: Tx, donationIds: string[]) => {
  const rows = await db.handoverDraw.groupBy({
    by: ['donationId', 'donationGoodsId'],
    where: { donationId: { in: donationIds }, handover: { voidedAt: null } },
    _sum: { amountFen: true, quantity: true },
  })
  const cashFen = new Map<string, number>()
  const quantity = new Map<string, number>()
  for (const row of rows) {
    if (row.donationGoodsId) quantity.set(row.donationGoodsId, row._sum.quantity ?? 0)
    else cashFen.set(row.donationId, toFen(row._sum.amountFen))
  }
  return { cashFen, quantity }
}

type Recipient = { villageId: string; householdId: string | null; cadreUserId: string | null }
type Handed = { cashFen: number; goods: { item: string; quantity: number }[] }

/** The draws as rows to store, once every one is within what its donation and the handover hold. */
export const checkDraws = async (
  ctx: ServiceContext,
  { draws, recipient, handed }: { draws: THandoverDraw[]; recipient: Recipient; handed: Handed },
) => {
  if (!draws.length) return []
  const donationIds = [...new Set(draws.map((d) => d.donationId))]
  await lockDonations(ctx.db, donationIds)
  const donations = await ctx.db.donation.findMany({
    where: { id: { in: donationIds }, ...donationScope(ctx.actor) },
    include: { goods: true },
  })
  const byId = new Map(donations.map((d) => [d.id, d]))
  const drawn = await drawnSoFar(ctx.db, donationIds)
  const rows: { donationId: string; donationGoodsId: string | null; quantity: number | null; amountFen: bigint }[] = []
  const cashTaken = new Map<string, number>()
  const goodsTaken = new Map<string, number>()
  const itemsTaken = new Map<string, number>()
  for (const [i, draw] of draws.entries()) {
    const donation = byId.get(draw.donationId)
    if (!donation || donation.voidedAt)
      throw fieldError(`draws.${i}.donationId`, '所选捐赠不存在、已作废或不在您的范围内')
    if (donation.villageId !== recipient.villageId) {
      throw fieldError(`draws.${i}.donationId`, '所选捐赠不是给这个村的，请核对')
    }
    if (donation.householdId && donation.householdId !== recipient.householdId) {
      throw fieldError(`draws.${i}.donationId`, '这笔捐赠是指定给其他困难户的，不能发给这一户')
    }
    if (donation.cadreUserId && donation.cadreUserId !== recipient.cadreUserId) {
      throw fieldError(`draws.${i}.donationId`, '这笔捐赠是指定给其他驻村干部的')
    }
    if (draw.donationGoodsId) {
      const line = donation.goods.find((g) => g.id === draw.donationGoodsId)
      if (!line) throw fieldError(`draws.${i}.donationGoodsId`, '所选物资不属于这笔捐赠')
      const quantity = draw.quantity ?? 0
      const taken = (goodsTaken.get(line.id) ?? 0) + quantity
      goodsTaken.set(line.id, taken)
      const left = line.quantity - (drawn.quantity.get(line.id) ?? 0)
      if (taken > left) {
        throw new AppError('DONATION_OVERDRAWN', {
          message: `${donation.donorName}捐赠的${line.item}只剩 ${left} ${line.unit}，不够发放 ${taken} ${line.unit}`,
          fieldErrors: { [`draws.${i}.quantity`]: [`只剩 ${left} ${line.unit}`] },
        })
      }
      itemsTaken.set(line.item, (itemsTaken.get(line.item) ?? 0) + quantity)
      rows.push({
        donationId: donation.id,
        donationGoodsId: line.id,
        quantity,
        amountFen: BigInt(quantity) * line.unitValueFen,
      })
    } else {
      if (donation.kind !== 'CASH') throw fieldError(`draws.${i}.cashFen`, '这笔捐赠是物资，请选择其中的物资和数量')
      const cashFen = draw.cashFen ?? 0
      const taken = (cashTaken.get(donation.id) ?? 0) + cashFen
      cashTaken.set(donation.id, taken)
      const left = toFen(donation.amountFen) - (drawn.cashFen.get(donation.id) ?? 0)
      if (taken > left) {
        throw new AppError('DONATION_OVERDRAWN', {
          message: `${donation.donorName}的捐款只剩 ${formatFen(left)}，不够发放 ${formatFen(taken)}`,
          fieldErrors: { [`draws.${i}.cashFen`]: [`只剩 ${formatFen(left)}`] },
        })
      }
      rows.push({ donationId: donation.id, donationGoodsId: null, quantity: null, amountFen: BigInt(cashFen) })
    }
  }
  const cashDrawn = [...cashTaken.values()].reduce((sum, fen) => sum + fen, 0)
  if (cashDrawn > handed.cashFen) {
    throw fieldError('cashFen', `关联捐款 ${formatFen(cashDrawn)} 多于发放的慰问金 ${formatFen(handed.cashFen)}`)
  }
  for (const [item, quantity] of itemsTaken) {
    const given = handed.goods.filter((g) => g.item === item).reduce((sum, g) => sum + g.quantity, 0)
    if (quantity > given) throw fieldError('goods', `关联捐赠的${item} ${quantity} 份多于发放的 ${given} 份`)
  }
  return rows
}
