// The 诉求 board: scoped, filtered, and by default soonest-due first, so overdue needs lead.

import type { TListNeedsRequest } from '../../../common/contracts/need/list-needs'
import { dateOnlyToDate, shanghaiDate } from '../../../common/dates'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { toPage } from '../../../common/pagination'
import { findPage, JOINED_RELATIONS } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { needScope } from '../scope'
import type { ServiceContext } from '../service-context'
import { needListSelect, toNeedListItem } from './need-views'

export const needFilters = (input: Omit<TListNeedsRequest, 'cursor' | 'limit' | 'sort'>): Prisma.NeedWhereInput[] => [
  input.villageId ? { villageId: input.villageId } : {},
  input.householdId ? { householdId: input.householdId } : {},
  input.statuses?.length ? { status: { in: input.statuses } } : {},
  input.category ? { category: input.category } : {},
  input.isOpen === undefined
    ? {}
    : { status: input.isOpen ? { in: [...OPEN_NEED_STATUSES] } : { notIn: [...OPEN_NEED_STATUSES] } },
  input.isOverdue ? { status: { in: [...OPEN_NEED_STATUSES] }, dueOn: { lt: dateOnlyToDate(shanghaiDate()) } } : {},
]

export const listNeeds = async ({ ctx, input }: { ctx: ServiceContext; input: TListNeedsRequest }) => {
  const orderBy: Prisma.NeedOrderByWithRelationInput[] =
    input.sort === 'due'
      ? [{ dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }]
      : [{ createdAt: 'desc' }, { id: 'desc' }]
  const where: Prisma.NeedWhereInput = { AND: [needScope(ctx.actor), ...needFilters(input)] }
  const rows = await findPage(
    () =>
      ctx.db.need.findMany({
        where,
        select: { id: true },
        orderBy,
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      }),
    (ids) =>
      ctx.db.need.findMany({
        where: { AND: [where, { id: { in: ids } }] },
        select: needListSelect,
        ...JOINED_RELATIONS,
      }),
  )
  return toPage(rows.map(toNeedListItem), input.limit)
}
