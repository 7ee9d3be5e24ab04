// A corrected visit keeps its handover in step: the goods, 慰问金 and date follow the visit while
// the handover is 待签收 and draws on no donation. Once it draws on donations or has been signed
// for, the goods and cash are evidence: they change only by voiding it and recording it again.

import type { TGoodsLine } from '../../../common/goods'
import { goodsLineValueFen, goodsValueFen } from '../../../common/goods'
import { AppError } from '../../errors'
import { toFen } from '../../lib/fen'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { insertHandover } from './insert-handover'

type VisitRecord = {
  id: string
  target: 'HOUSEHOLD' | 'CADRE'
  householdId: string | null
  cadreUserId: string | null
  villageId: string
  activityId: string | null
  visitedOn: Date
}

const sameGoods = (a: TGoodsLine[], b: { item: string; quantity: number; unit: string; unitValueFen: bigint }[]) =>
  a.length === b.length &&
  a.every((line, i) => {
    const other = b[i]
    return (
      other !== undefined &&
      line.item === other.item &&
      line.quantity === other.quantity &&
      line.unit === other.unit &&
      line.unitValueFen === toFen(other.unitValueFen)
    )
  })

export const syncVisitHandover = async (
  ctx: ServiceContext,
  visit: VisitRecord,
  handed: { goods: TGoodsLine[]; cashFen: number },
) => {
  const current = await ctx.db.handover.findFirst({
    where: { visitId: visit.id, voidedAt: null },
    include: { lines: { orderBy: { id: 'asc' } }, draws: { select: { id: true } } },
  })
  const handsOver = handed.goods.length > 0 || handed.cashFen > 0
  if (!current) {
    if (handsOver) {
      await insertHandover(ctx, {
        recipientKind: visit.target,
        householdId: visit.householdId,
        cadreUserId: visit.cadreUserId,
        villageId: visit.villageId,
        activityId: visit.activityId,
        visitId: visit.id,
        handedOverOn: visit.visitedOn,
        goods: handed.goods,
        cashFen: handed.cashFen,
        draws: [],
      })
    }
    return
  }
  const isSame = toFen(current.cashFen) === handed.cashFen && sameGoods(handed.goods, current.lines)
  if (!isSame && (current.draws.length > 0 || current.state !== 'PENDING')) throw new AppError('HANDOVER_LOCKED')
  const data = handsOver
    ? { handedOverOn: visit.visitedOn, cashFen: handed.cashFen, goodsValueFen: goodsValueFen(handed.goods) }
    : { voidedAt: new Date(), voidReason: '走访更正为未发放物资和慰问金', voidedById: ctx.actor.userId }
  await ctx.db.handover.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } })
  if (handsOver && !isSame) {
    await ctx.db.handoverLine.deleteMany({ where: { handoverId: current.id } })
    await ctx.db.handoverLine.createMany({
      data: handed.goods.map((line) => ({ ...line, handoverId: current.id, valueFen: goodsLineValueFen(line) })),
    })
  }
  const after = await ctx.db.handover.findUniqueOrThrow({ where: { id: current.id }, include: { lines: true } })
  await writeAudit(ctx, {
    action: handsOver ? 'handover.update' : 'handover.void',
    entityType: 'Handover',
    entityId: current.id,
    before: current,
    after,
  })
}
