// A visit as its detail page shows it. The health finding is personal data: only those who keep
// the village's records, and the visitor who wrote it, see it.
import { AppError } from '../../errors'
import { needListSelect, toNeedListItem } from '../needs/need-views'
import { keepsRecordsOf, visitScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { toVisitListItem, visitListSelect } from './visit-views'

export const getVisit = async ({ ctx, id }: { ctx: ServiceContext; id: string }) => {
  const row = await ctx.db.visit.findFirst({
    where: { id, ...visitScope(ctx.actor) },
    select: {
      ...visitListSelect,
      healthEnc: true,
      livingConditions: true,
      difficulties: true,
      createdAt: true,
      updatedAt: true,
      needs: { select: needListSelect, orderBy: { createdAt: 'asc' } },
    },
  })
  if (!row) throw new AppError('NOT_FOUND')
  const { healthEnc, needs, ...visit } = row
  const mayReadHealth = keepsRecordsOf(ctx.actor, row.village.id) || row.createdById === ctx.actor.userId
  return {
    ...toVisitListItem(visit, needs.length),
    healthNotes: mayReadHealth && healthEnc ? ctx.crypto.decrypt(healthEnc, 'visit.health') : null,
    isHealthHidden: Boolean(healthEnc) && !mayReadHealth,
    needs: needs.map(toNeedListItem),
    canEdit: row.createdById === ctx.actor.userId || keepsRecordsOf(ctx.actor, row.village.id),
  }
}

export type VisitDetail = Awaited<ReturnType<typeof getVisit>>
