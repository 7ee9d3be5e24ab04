import { AppError } from '../../errors'
import type { ServiceContext } from '../service-context'
import { handoverSelect, toHandoverView } from './handover-views'

/** A handover to the resident's own household. */
export const getOwnHandover = async ({
  ctx,
  householdId,
  id,
}: {
  ctx: ServiceContext
  householdId: string
  id: string
}) => {
  const row = await ctx.db.handover.findFirst({ where: { id, householdId }, select: handoverSelect })
  if (!row) throw new AppError('NOT_FOUND')
  return toHandoverView(row)
}
