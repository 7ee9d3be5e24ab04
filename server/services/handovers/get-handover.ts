import { AppError } from '../../errors'
import { withoutHiddenHouseholds } from '../households/visible-households'
import { handoverScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { handoverSelect, toHandoverView } from './handover-views'

export const getHandover = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.handover.findFirst({ where: { id, ...handoverScope(ctx.actor) }, select: handoverSelect })
  if (!row) throw new AppError('NOT_FOUND')
  const [shown] = await withoutHiddenHouseholds(ctx, [row])
  return toHandoverView(shown ?? row)
}
