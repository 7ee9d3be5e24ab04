// The 困难户 list: scoped to the caller, filtered, searched, cursor-paginated.

import type { TListHouseholdsRequest } from '../../../common/contracts/household/list-households'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { toPage } from '../../../common/pagination'
import { findPage, JOINED_RELATIONS, runAll } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { householdScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { householdSearchWhere } from './household-search-where'

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
} satisfies Prisma.HouseholdSelect

/**
 * Members and open needs of the page's households only: a relation `_count` in the select would
 * make Prisma group the whole HouseholdMember and Need tables on every page (docs/scaling.md).
 */
const countsFor = async (ctx: ServiceContext, householdIds: string[]) => {
  const [members, openNeeds] = await runAll(ctx.db, [
    () =>
      ctx.db.householdMember.groupBy({
        by: ['householdId'],
        where: { householdId: { in: householdIds } },
        _count: { _all: true },
      }),
    () =>
      ctx.db.need.groupBy({
        by: ['householdId'],
        where: { householdId: { in: householdIds }, status: { in: [...OPEN_NEED_STATUSES] } },
        _count: { _all: true },
      }),
  ])
  return {
    members: new Map(members.map((g) => [g.householdId, g._count._all])),
    openNeeds: new Map(openNeeds.map((g) => [g.householdId, g._count._all])),
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
      input.search ? householdSearchWhere(ctx, input.search) : {},
    ],
  }
  const rows = await findPage(
    () =>
      ctx.db.household.findMany({
        where,
        select: { id: true },
        orderBy: [{ village: { name: 'asc' } }, { code: 'asc' }, { id: 'asc' }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      }),
    (ids) =>
      ctx.db.household.findMany({
        where: { AND: [where, { id: { in: ids } }] },
        select: householdListSelect,
        ...JOINED_RELATIONS,
      }),
  )
  const counts = await countsFor(
    ctx,
    rows.slice(0, input.limit).map((r) => r.id),
  )
  return toPage(
    rows.map(({ idNumberMask, risks, ...row }) => ({
      ...row,
      idNumberMasked: idNumberMask,
      riskCodes: risks.map((r) => r.code),
      memberCount: counts.members.get(row.id) ?? 0,
      openNeedCount: counts.openNeeds.get(row.id) ?? 0,
    })),
    input.limit,
  )
}
