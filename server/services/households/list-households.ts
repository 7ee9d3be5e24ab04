// The 困难户 list: scoped to the caller, filtered, searched, cursor-paginated.
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { toPage } from '../../../common/pagination'
import { idNumberProblem } from '../../../common/personal-data'
import type { Prisma } from '../../generated/prisma/client'
import type { TListHouseholdsRequest } from '../../routers/household/list-households.types'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'

const householdListSelect = {
  id: true,
  code: true,
  headName: true,
  idNumberMask: true,
  groupName: true,
  category: true,
  householdType: true,
  version: true,
  updatedAt: true,
  village: { select: { id: true, name: true } },
  responsibleUser: { select: { id: true, displayName: true } },
  risks: { where: { isEliminated: false }, select: { code: true } },
  _count: { select: { members: true, needs: { where: { status: { in: [...OPEN_NEED_STATUSES] } } } } },
} satisfies Prisma.HouseholdSelect

const searchWhere = (ctx: ServiceContext, search: string): Prisma.HouseholdWhereInput => {
  const idNumber = search.toUpperCase()
  if (!idNumberProblem(idNumber)) return { idNumberHash: { in: ctx.crypto.blindIndexes(idNumber, 'idNumber') } }
  return {
    OR: [{ headName: { contains: search } }, { code: { contains: search, mode: 'insensitive' } }],
  }
}

export const listHouseholds = async ({ ctx, input }: { ctx: ServiceContext; input: TListHouseholdsRequest }) => {
  const where: Prisma.HouseholdWhereInput = {
    AND: [
      householdScope(ctx.actor),
      input.villageId ? { villageId: input.villageId } : {},
      input.category ? { category: input.category } : {},
      input.risk ? { risks: { some: { code: input.risk, isEliminated: false } } } : {},
      input.hasOpenNeeds === undefined
        ? {}
        : {
            needs: input.hasOpenNeeds
              ? { some: { status: { in: [...OPEN_NEED_STATUSES] } } }
              : { none: { status: { in: [...OPEN_NEED_STATUSES] } } },
          },
      input.search ? searchWhere(ctx, input.search) : {},
    ],
  }
  const rows = await ctx.db.household.findMany({
    where,
    select: householdListSelect,
    orderBy: [{ village: { name: 'asc' } }, { code: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  })
  return toPage(
    rows.map(({ idNumberMask, risks, _count, ...row }) => ({
      ...row,
      idNumberMasked: idNumberMask,
      riskCodes: risks.map((r) => r.code),
      memberCount: _count.members,
      openNeedCount: _count.needs,
    })),
    input.limit,
  )
}
