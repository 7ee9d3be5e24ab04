// 签收 in WeChat: the resident bound to the household says 确认收到, or 有异议 with what is wrong,
// which becomes a need (诉求) for the village's cadre to work through.

import type { TConfirmHandoverRequest } from '../../../common/contracts/handover/confirm-handover'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { insertNeed } from '../needs/create-need'
import type { ServiceContext } from '../service-context'
import { getOwnHandover } from './get-own-handover'

export const confirmHandover = async ({
  ctx,
  householdId,
  input,
}: {
  ctx: ServiceContext
  householdId: string
  input: TConfirmHandoverRequest
}) => {
  const before = await ctx.db.handover.findFirst({ where: { id: input.id, householdId, voidedAt: null } })
  if (!before) throw new AppError('NOT_FOUND')
  if (before.state !== 'PENDING') throw new AppError('HANDOVER_NOT_PENDING')
  const isDisputed = input.answer === 'DISPUTED'
  const need = isDisputed
    ? await insertNeed(ctx, {
        householdId,
        villageId: before.villageId,
        fields: {
          category: 'SUPPLIES',
          description: `对 ${before.handedOverOn.toISOString().slice(0, 10)} 的发放有异议：${input.note ?? ''}`,
          urgency: 'NORMAL',
        },
        source: 'RESIDENT',
      })
    : null
  // Only a handover still 待签收 changes: a second tap, or a tap from another phone, finds it answered.
  const { count } = await ctx.db.handover.updateMany({
    where: { id: before.id, state: 'PENDING', voidedAt: null },
    data: {
      state: isDisputed ? 'DISPUTED' : 'CONFIRMED',
      confirmedAt: new Date(),
      confirmedById: ctx.actor.userId,
      confirmation: 'RESIDENT',
      disputeNote: isDisputed ? (input.note ?? null) : null,
      disputeNeedId: need?.id ?? null,
      version: { increment: 1 },
    },
  })
  if (count === 0) throw new AppError('HANDOVER_NOT_PENDING')
  const after = await ctx.db.handover.findUniqueOrThrow({ where: { id: before.id } })
  await writeAudit(ctx, { action: 'handover.confirm', entityType: 'Handover', entityId: before.id, before, after })
  return getOwnHandover({ ctx, householdId, id: before.id })
}
