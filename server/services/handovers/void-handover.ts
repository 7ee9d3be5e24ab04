// A mistaken handover is voided, with a reason: it stays in the ledger and the audit trail, and
// what it drew returns to its donations' balances. Its giver, the village's record keepers, or a
// secretary or admin who reaches the village may void it.

import type { TVoidHandoverRequest } from '../../../common/contracts/handover/void-handover'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { hasRole } from '../auth/actor'
import { handoverScope, keepsRecordsOf } from '../scope'
import type { ServiceContext } from '../service-context'
import { getHandover } from './get-handover'

export const voidHandover = async ({ ctx, input }: { ctx: ServiceContext; input: TVoidHandoverRequest }) => {
  const before = await ctx.db.handover.findFirst({ where: { id: input.id, ...handoverScope(ctx.actor) } })
  if (!before) throw new AppError('NOT_FOUND')
  const mayVoid =
    before.createdById === ctx.actor.userId ||
    keepsRecordsOf(ctx.actor, before.villageId) ||
    hasRole(ctx.actor, 'SECRETARY')
  if (!mayVoid) throw new AppError('FORBIDDEN', { message: '只有发放登记人、本村驻村干部或支部书记可以作废发放记录' })
  if (before.voidedAt) throw new AppError('HANDOVER_ALREADY_VOIDED')
  if (before.version !== input.version) throw versionConflict(before.version)
  const { count } = await ctx.db.handover.updateMany({
    where: { id: before.id, version: input.version, voidedAt: null },
    data: { voidedAt: new Date(), voidReason: input.reason, voidedById: ctx.actor.userId, version: { increment: 1 } },
  })
  if (count === 0) {
    const current = await ctx.db.handover.findUniqueOrThrow({
      where: { id: before.id },
      select: { version: true, voidedAt: true },
    })
    if (current.voidedAt) throw new AppError('HANDOVER_ALREADY_VOIDED')
    throw versionConflict(current.version)
  }
  const after = await ctx.db.handover.findUniqueOrThrow({ where: { id: before.id } })
  await writeAudit(ctx, { action: 'handover.void', entityType: 'Handover', entityId: before.id, before, after })
  return getHandover({ ctx, id: before.id })
}
