// Records a handover (发放) on its own, such as a distribution day at the village committee: to a
// household, or to a 驻村干部 for the village's work, drawing on the donations named.

import type { TCreateHandoverRequest } from '../../../common/contracts/handover/create-handover'
import { dateOnlyToDate } from '../../../common/dates'
import { AppError, fieldError } from '../../errors'
import { assertNewId } from '../assert-new-id'
import { liveOn } from '../auth/periods'
import { householdForNewRecord } from '../households/household-open'
import { activityScope, reachesVillage } from '../scope'
import type { ServiceContext } from '../service-context'
import { getHandover } from './get-handover'
import { insertHandover } from './insert-handover'

const resolveVillage = async (ctx: ServiceContext, input: TCreateHandoverRequest) => {
  if (input.recipientKind === 'HOUSEHOLD') return (await householdForNewRecord(ctx, input.householdId)).villageId
  if (!input.villageId) throw fieldError('villageId', '请选择驻村干部所在的村')
  const post = await ctx.db.cadreVillage.findFirst({
    where: { userId: input.cadreUserId ?? '', villageId: input.villageId, user: { isActive: true }, ...liveOn() },
    select: { id: true },
  })
  if (!post) throw fieldError('cadreUserId', '所选人员不是该村的驻村干部')
  if (!(await reachesVillage(ctx.db, ctx.actor, input.villageId))) {
    throw new AppError('NOT_FOUND', { message: '该村不在您的联系范围内' })
  }
  return input.villageId
}

export const createHandover = async ({ ctx, input }: { ctx: ServiceContext; input: TCreateHandoverRequest }) => {
  const villageId = await resolveVillage(ctx, input)
  if (input.activityId) {
    const activity = await ctx.db.activity.findFirst({
      where: { id: input.activityId, ...activityScope(ctx.actor) },
      select: { villageId: true },
    })
    if (!activity) throw fieldError('activityId', '所选的活动不存在或不在您的范围内')
    if (activity.villageId && activity.villageId !== villageId) {
      throw fieldError('activityId', '领取人不在该活动所在的村，请核对')
    }
  }
  await assertNewId(input.id, (id) => ctx.db.handover.findUnique({ where: { id }, select: { id: true } }))
  const handover = await insertHandover(ctx, {
    id: input.id,
    recipientKind: input.recipientKind,
    householdId: input.recipientKind === 'HOUSEHOLD' ? (input.householdId ?? null) : null,
    cadreUserId: input.recipientKind === 'CADRE' ? (input.cadreUserId ?? null) : null,
    villageId,
    activityId: input.activityId ?? null,
    handedOverOn: dateOnlyToDate(input.handedOverOn),
    goods: input.goods,
    cashFen: input.cashFen,
    draws: input.draws,
    note: input.note,
  })
  return getHandover({ ctx, id: handover.id })
}
