// Writes one handover with its goods lines and draws, after checking the draws (check-draws.ts):
// what handover.create and a visit's goods and 慰问金 share.

import type { THandoverDraw } from '../../../common/contracts/handover/handover-draws'
import type { VisitTarget } from '../../../common/enums'
import type { TGoodsLine } from '../../../common/goods'
import { goodsLineValueFen, goodsValueFen } from '../../../common/goods'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { checkDraws } from './check-draws'

export type NewHandover = {
  id?: string | undefined
  recipientKind: VisitTarget
  householdId: string | null
  cadreUserId: string | null
  villageId: string
  activityId: string | null
  visitId?: string | null
  handedOverOn: Date
  goods: TGoodsLine[]
  cashFen: number
  draws: THandoverDraw[]
  note?: string | null | undefined
}

export const insertHandover = async (ctx: ServiceContext, h: NewHandover) => {
  const draws = await checkDraws(ctx, {
    draws: h.draws,
    recipient: { villageId: h.villageId, householdId: h.householdId, cadreUserId: h.cadreUserId },
    handed: { cashFen: h.cashFen, goods: h.goods },
  })
  const handover = await ctx.db.handover.create({
    data: {
      ...(h.id ? { id: h.id } : {}),
      recipientKind: h.recipientKind,
      householdId: h.householdId,
      cadreUserId: h.cadreUserId,
      villageId: h.villageId,
      activityId: h.activityId,
      visitId: h.visitId ?? null,
      handedOverOn: h.handedOverOn,
      handedOverById: ctx.actor.userId,
      cashFen: h.cashFen,
      goodsValueFen: goodsValueFen(h.goods),
      note: h.note ?? null,
      createdById: ctx.actor.userId,
      lines: { createMany: { data: h.goods.map((line) => ({ ...line, valueFen: goodsLineValueFen(line) })) } },
      draws: { createMany: { data: draws } },
    },
    include: { lines: true, draws: true },
  })
  await writeAudit(ctx, { action: 'handover.create', entityType: 'Handover', entityId: handover.id, after: handover })
  return handover
}
