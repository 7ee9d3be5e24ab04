// Logs a visit (走访): to a household or to a resident cadre, on its own or as part of an
// activity. Goods, cash and the needs raised are written in the same transaction.

import type { TCreateVisitRequest } from '../../../common/contracts/visit/create-visit'
import { AppError, fieldError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { writeAudit } from '../audit/write-audit'
import { liveOn } from '../auth/periods'
import { insertHandover } from '../handovers/insert-handover'
import { householdForNewRecord } from '../households/household-open'
import { insertNeed } from '../needs/create-need'
import { activityScope, reachesVillage } from '../scope'
import type { ServiceContext } from '../service-context'
import { getVisit } from './get-visit'
import { goodsRows, visitorIdsOf, visitValueColumns } from './visit-writes'

/** The visited village: the household's, or for a cadre visit the one given or the activity's. */
const resolveVillage = async (ctx: ServiceContext, input: TCreateVisitRequest, activityVillageId: string | null) => {
  if (input.target === 'HOUSEHOLD') return (await householdForNewRecord(ctx, input.householdId)).villageId
  const villageId = input.villageId ?? activityVillageId
  if (!villageId) throw fieldError('villageId', '请选择驻村干部所在的村')
  const assignment = await ctx.db.cadreVillage.findFirst({
    where: { userId: input.cadreUserId ?? '', villageId, user: { isActive: true }, ...liveOn() },
    select: { id: true },
  })
  if (!assignment) throw fieldError('cadreUserId', '所选人员不是该村的驻村干部')
  if (!(await reachesVillage(ctx.db, ctx.actor, villageId))) {
    throw new AppError('NOT_FOUND', { message: '该村不在您的联系范围内' })
  }
  return villageId
}

export const createVisit = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateVisitRequest }) => {
  let activityVillageId: string | null = null
  if (input.activityId) {
    const activity = await ctx.db.activity.findFirst({
      where: { id: input.activityId, ...activityScope(ctx.actor) },
      select: { villageId: true },
    })
    if (!activity) throw fieldError('activityId', '所选的活动不存在或不在您的范围内')
    activityVillageId = activity.villageId
  }
  const villageId = await resolveVillage(ctx, input, activityVillageId)
  if (activityVillageId && villageId !== activityVillageId) {
    throw fieldError('activityId', '走访对象不在该活动所在的村，请核对活动或走访对象')
  }
  const visitorIds = await visitorIdsOf(ctx, { authorId: ctx.actor.userId, visitorIds: input.visitorIds })
  await assertNewId(input.id, (id) => ctx.db.visit.findUnique({ where: { id }, select: { id: true } }))

  const visit = await ctx.db.visit.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      activityId: input.activityId ?? null,
      villageId,
      target: input.target,
      householdId: input.target === 'HOUSEHOLD' ? (input.householdId ?? null) : null,
      cadreUserId: input.target === 'CADRE' ? (input.cadreUserId ?? null) : null,
      ...visitValueColumns(ctx, input),
      createdById: ctx.actor.userId,
      visitors: { createMany: { data: visitorIds.map((userId) => ({ userId })) } },
      goods: { createMany: { data: goodsRows(input.goods) } },
    },
    include: { goods: true, visitors: true },
  })
  await writeAudit(ctx, { action: 'visit.create', entityType: 'Visit', entityId: visit.id, after: visit })
  // The goods and 慰问金 handed over are the visit's handover (发放), to be signed for.
  if (input.goods.length || input.cashFen) {
    await insertHandover(ctx, {
      recipientKind: visit.target,
      householdId: visit.householdId,
      cadreUserId: visit.cadreUserId,
      villageId,
      activityId: visit.activityId,
      visitId: visit.id,
      handedOverOn: visit.visitedOn,
      goods: input.goods,
      cashFen: input.cashFen,
      draws: input.draws,
    })
  } else if (input.draws.length) {
    throw fieldError('draws', '这次走访没有发放物资或慰问金，不能关联捐赠')
  }
  for (const need of input.needs) {
    await insertNeed(ctx, {
      id: need.id,
      householdId: visit.householdId as string,
      villageId,
      fields: need,
      source: 'VISIT',
      visitId: visit.id,
    })
  }
  return getVisit({ ctx, id: visit.id })
}
