import { AppError } from '../../errors'
import { keepsRecordsOf, needScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { needDetailSelect, toNeedDetail } from './need-views'

export const getNeed = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const need = await ctx.db.need.findFirst({ where: { id, ...needScope(ctx.actor) }, select: needDetailSelect })
  if (!need) throw new AppError('NOT_FOUND')
  return toNeedDetail(need, { canTransition: keepsRecordsOf(ctx.actor, need.village.id) })
}
