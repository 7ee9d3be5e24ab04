// One village's households, compact (no ID number, no phone: what the masked list shows), for the
// picker to search on the phone with no signal. The stamp (how many, and the latest change) lets a
// phone that already holds the current copy be answered without the rows.
import type { THouseholdRosterRequest } from '../../../common/contracts/household/household-roster'
import { AppError } from '../../errors'
import { reachesVillage } from '../scope'
import type { ServiceContext } from '../service-context'

export const householdRoster = async ({ ctx, input }: { ctx: ServiceContext; input: THouseholdRosterRequest }) => {
  if (!(await reachesVillage(ctx.db, ctx.actor, input.villageId))) throw new AppError('NOT_FOUND')
  const where = { villageId: input.villageId, anonymisedAt: null }
  const summary = await ctx.db.household.aggregate({ where, _count: { _all: true }, _max: { updatedAt: true } })
  const stamp = `${summary._count._all}@${summary._max.updatedAt?.getTime() ?? 0}`
  if (stamp === input.stamp) return { villageId: input.villageId, stamp, households: null }
  const households = await ctx.db.household.findMany({
    where,
    select: { id: true, code: true, headName: true, groupName: true, category: true },
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
  })
  return { villageId: input.villageId, stamp, households }
}
