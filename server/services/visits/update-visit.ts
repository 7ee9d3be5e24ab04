// Corrects a visit's record. Its author (or the village's record keepers) may; the target and
// the needs raised stay as they are (needs have their own workflow).

import type { TUpdateVisitRequest } from '../../../common/contracts/visit/update-visit'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { syncVisitHandover } from '../handovers/sync-visit-handover'
import { assertRecordsOpen } from '../households/household-open'
import { keepsRecordsOf, visitScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { getVisit } from './get-visit'
import { goodsRows, visitorIdsOf, visitValueColumns } from './visit-writes'

export const updateVisit = async ({ ctx, input }: { ctx: ServiceContext; input: TUpdateVisitRequest }) => {
  const before = await ctx.db.visit.findFirst({
    where: { id: input.id, ...visitScope(ctx.actor) },
    include: { goods: true, visitors: true },
  })
  if (!before) throw new AppError('NOT_FOUND')
  if (before.createdById !== ctx.actor.userId && !keepsRecordsOf(ctx.actor, before.villageId)) {
    throw new AppError('FORBIDDEN', { message: '只有走访登记人或本村驻村干部可以修改这条走访记录' })
  }
  await assertRecordsOpen(ctx.db, before.householdId)
  if (before.version !== input.version) throw versionConflict(before.version)
  const visitorIds = await visitorIdsOf(ctx, {
    authorId: before.createdById,
    visitorIds: input.visitorIds,
    recorded: before.visitors.map((v) => v.userId),
  })
  const { count } = await ctx.db.visit.updateMany({
    where: { id: before.id, version: input.version },
    data: { ...visitValueColumns(ctx, input), version: { increment: 1 } },
  })
  if (count === 0) {
    const current = await ctx.db.visit.findUniqueOrThrow({ where: { id: before.id }, select: { version: true } })
    throw versionConflict(current.version)
  }
  await ctx.db.visitGoods.deleteMany({ where: { visitId: before.id } })
  await ctx.db.visitGoods.createMany({ data: goodsRows(input.goods).map((g) => ({ ...g, visitId: before.id })) })
  await ctx.db.visitVisitor.deleteMany({ where: { visitId: before.id } })
  await ctx.db.visitVisitor.createMany({ data: visitorIds.map((userId) => ({ visitId: before.id, userId })) })
  const after = await ctx.db.visit.findUniqueOrThrow({
    where: { id: before.id },
    include: { goods: true, visitors: true },
  })
  await writeAudit(ctx, { action: 'visit.update', entityType: 'Visit', entityId: before.id, before, after })
  await syncVisitHandover(ctx, after, { goods: input.goods, cashFen: input.cashFen })
  return getVisit({ ctx, id: before.id })
}
