// The household picker's search: households that can take new records (not anonymised), within
// the caller's scope and, when given, one village; a page at a time in 户编号 order, village by
// village. Each row carries what tells two 王秀英 apart: 户编号, 所在组 and the village.
import type { TSearchHouseholdsRequest } from '../../../common/contracts/household/search-households'
import { toPage } from '../../../common/pagination'
import { PAGE_RELATIONS } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { householdSearchWhere } from './household-search-where'

export const householdPickSelect = {
  id: true,
  code: true,
  headName: true,
  groupName: true,
  category: true,
  village: { select: { id: true, name: true } },
} satisfies Prisma.HouseholdSelect

export const searchHouseholds = async ({ ctx, input }: { ctx: ServiceContext; input: TSearchHouseholdsRequest }) => {
  const rows = await ctx.db.household.findMany({
    where: {
      AND: [
        householdScope(ctx.actor),
        { anonymisedAt: null },
        input.villageId ? { villageId: input.villageId } : {},
        input.search ? householdSearchWhere(ctx, input.search) : {},
      ],
    },
    select: householdPickSelect,
    // (villageId, code) is the unique index: one village's page is read off it in order.
    orderBy: [{ villageId: 'asc' }, { code: 'asc' }, { id: 'asc' }],
    ...PAGE_RELATIONS,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  return toPage(rows, input.limit)
}

export type HouseholdPick = Awaited<ReturnType<typeof searchHouseholds>>['items'][number]
