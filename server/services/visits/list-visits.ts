import type { TListVisitsRequest } from '../../../common/contracts/visit/list-visits'
import { toPage } from '../../../common/pagination'
import { PAGE_RELATIONS } from '../../db/client'
import { visitScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { needCountsOf, toVisitListItem, visitListSelect } from './visit-views'

export const listVisits = async ({ ctx, input }: { ctx: ServiceContext; input: TListVisitsRequest }) => {
  const rows = await ctx.db.visit.findMany({
    where: {
      AND: [
        visitScope(ctx.actor),
        input.activityId ? { activityId: input.activityId } : {},
        input.villageId ? { villageId: input.villageId } : {},
        input.householdId ? { householdId: input.householdId } : {},
      ],
    },
    select: visitListSelect,
    orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
    ...PAGE_RELATIONS,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  const needCounts = await needCountsOf(
    ctx.db,
    rows.slice(0, input.limit).map((v) => v.id),
  )
  return toPage(
    rows.map((v) => toVisitListItem(v, needCounts.get(v.id) ?? 0)),
    input.limit,
  )
}
