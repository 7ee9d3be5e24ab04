// The 待办 sources that are needs (due, new, awaiting 回访, escalated): each is one query (which
// needs, in what order, made what item), read two ways: for one person, how many match and the
// first page of them (todo.list, todo.count); for many people at once, every match with its
// village, for each person to take those in their own villages (the reminder scan).
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { countAndList, type TodoArgs, type TodoSource } from './todo-source'

export type NeedTodoQuery<S extends Prisma.NeedSelect> = {
  where: Prisma.NeedWhereInput
  select: S
  orderBy: Prisma.NeedOrderByWithRelationInput[]
  toItem: (need: Prisma.NeedGetPayload<{ select: S }>) => TTodoItem
}

/** An item and where it belongs (its village, or for a 党支部's item its org). */
export type ScopedItem = { scope: string; item: TTodoItem }

export const needTodos = <S extends Prisma.NeedSelect>(
  { ctx, limit }: Pick<TodoArgs, 'ctx' | 'limit'>,
  { toItem, ...query }: NeedTodoQuery<S>,
  /** How many match, when a rollup tells it cheaper than counting them. */
  count: () => Promise<number> = () => ctx.db.need.count({ where: query.where }),
): Promise<TodoSource> =>
  countAndList({ limit }, count, async () => {
    const rows = (await ctx.db.need.findMany({ ...query, take: limit })) as Prisma.NeedGetPayload<{ select: S }>[]
    return rows.map(toItem)
  })

/** Every item of the query, each with its need's village. */
export const needTodosByVillage = async <S extends Prisma.NeedSelect>(
  db: Tx,
  { toItem, where, select, orderBy }: NeedTodoQuery<S>,
): Promise<ScopedItem[]> => {
  const withVillage = { ...select, villageId: true } as S
  const rows = (await db.need.findMany({ where, orderBy, select: withVillage })) as (Prisma.NeedGetPayload<{
    select: S
  }> & { villageId: string })[]
  return rows.map((row) => ({ scope: row.villageId, item: toItem(row) }))
}
