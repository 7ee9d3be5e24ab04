// The 困难户 list: scoped to the caller, filtered, searched, cursor-paginated.

import type { TListHouseholdsRequest } from '../../../common/contracts/household/list-households'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { toPage } from '../../../common/pagination'
import { findPage, JOINED_RELATIONS } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { extend } from '../../lib/extend'
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
  // Members and open needs, counted in the rows' statement: with joined relations each count is a
  // LATERAL subquery for each of the page's rows, served by HouseholdMember(householdId) and
  // Need(householdId) (docs/scaling.md).
  _count: { select: { members: true, needs: { where: { status: { in: [...OPEN_NEED_STATUSES] } } } } },
} satisfies Prisma.HouseholdSelect

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
  return toPage(
    rows.map(({ idNumberMask, risks, _count, ...row }) =>
      extend(row, {
        idNumberMasked: idNumberMask,
        riskCodes: risks.map((r) => r.code),
        memberCount: _count.members,
        openNeedCount: _count.needs,
      }),
    ),
    input.limit,
  )
}
