// The 待办 sources that are needs (due, new, awaiting 回访, escalated): how many match, and the
// first page of them in the source's order, each made an item by the source.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import type { Prisma } from '../../generated/prisma/client'
import { countAndList, type TodoArgs, type TodoSource } from './todo-source'

export const needTodos = <S extends Prisma.NeedSelect>(
  { ctx, limit }: Pick<TodoArgs, 'ctx' | 'limit'>,
  query: { where: Prisma.NeedWhereInput; select: S; orderBy: Prisma.NeedOrderByWithRelationInput[] },
  toItem: (need: Prisma.NeedGetPayload<{ select: S }>) => TTodoItem,
): Promise<TodoSource> =>
  countAndList(
    { limit },
    () => ctx.db.need.count({ where: query.where }),
    async () => {
      const rows = (await ctx.db.need.findMany({ ...query, take: limit })) as Prisma.NeedGetPayload<{ select: S }>[]
      return rows.map(toItem)
    },
  )
