// 督办: open needs long past their due day go up a level, to the 支部书记 whose orgs are paired
// with the village (after SECRETARY_ESCALATION_DAYS) and to the administrators (after
// ADMIN_ESCALATION_DAYS). Read off the (status, dueOn) index, or (villageId, status) with villages.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { Prisma } from '../../generated/prisma/client'
import { rollupOverdueNeeds } from '../stats/summary-rollups'
import { type NeedTodoQuery, needTodos } from './need-todos'
import { clip, countAndList, daysBetween, shiftDay, type TodoArgs, type TodoSource } from './todo-source'

/**
 * Open needs more than `afterDays` past due, in `villageIds` (null: everywhere), except in
 * `exceptVillageIds`: the villages where the same person already has them from a nearer role (as
 * their cadre, each is NEED_DUE; as a secretary, every need an admin's 督办 would add), so that a
 * person with two roles has each need once and the count agrees with the list.
 */
export const escalatedNeedsQuery = (
  today: string,
  {
    villageIds,
    afterDays,
    exceptVillageIds = [],
  }: { villageIds: readonly string[] | null; afterDays: number; exceptVillageIds?: readonly string[] },
) => {
  const except = exceptVillageIds.length ? { notIn: [...exceptVillageIds] } : {}
  const where = {
    ...(villageIds === null
      ? exceptVillageIds.length
        ? { villageId: except }
        : {}
      : { villageId: { in: [...villageIds], ...except } }),
    status: { in: [...OPEN_NEED_STATUSES] },
    dueOn: { lt: dateOnlyToDate(shiftDay(today, -afterDays)) },
  } satisfies Prisma.NeedWhereInput
  const select = { id: true, description: true, dueOn: true, village: { select: { name: true } } }
  return {
    where,
    select,
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    toItem: (need): TTodoItem => {
      const dueOn = dateToDateOnly(need.dueOn as Date)
      return {
        key: `NEED_ESCALATED:${need.id}`,
        kind: 'NEED_ESCALATED',
        title: `督办：${need.village.name}诉求逾期 ${daysBetween(dueOn, today)} 天`,
        detail: `${clip(need.description)} · 应办结 ${dueOn}`,
        dueOn,
        isOverdue: true,
        target: { page: 'needDetail', id: need.id },
      }
    },
  } satisfies NeedTodoQuery<typeof select>
}

/**
 * Everywhere (an administrator's): counted off the province's open needs per due day (a rollup
 * kept by trigger), less those in the villages left out; the first page read status by status off
 * the (status, dueOn) index, each already in due order, and merged, instead of sorting the tens of
 * thousands of overdue needs for it.
 */
const escalatedEverywhere = (
  { ctx, today, limit }: TodoArgs,
  { afterDays, exceptVillageIds = [] }: { afterDays: number; exceptVillageIds?: readonly string[] },
): Promise<TodoSource> => {
  const { toItem, ...query } = escalatedNeedsQuery(today, { villageIds: null, afterDays, exceptVillageIds })
  const before = dateOnlyToDate(shiftDay(today, -afterDays))
  return countAndList(
    { limit },
    async () => {
      const all = await rollupOverdueNeeds(ctx.db, before)
      if (!exceptVillageIds.length) return all
      const left = await ctx.db.need.count({
        where: {
          villageId: { in: [...exceptVillageIds] },
          status: { in: [...OPEN_NEED_STATUSES] },
          dueOn: { lt: before },
        },
      })
      return all - left
    },
    async () => {
      const byStatus = await Promise.all(
        OPEN_NEED_STATUSES.map((status) =>
          ctx.db.need.findMany({ ...query, where: { ...query.where, status }, take: limit }),
        ),
      )
      const key = (need: { dueOn: Date | null; id: string }) => `${need.dueOn?.toISOString() ?? ''} ${need.id}`
      return byStatus
        .flat()
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
        .slice(0, limit)
        .map(toItem)
    },
  )
}

export const escalatedNeeds = (
  args: TodoArgs,
  scope: Parameters<typeof escalatedNeedsQuery>[1],
): Promise<TodoSource> =>
  scope.villageIds === null ? escalatedEverywhere(args, scope) : needTodos(args, escalatedNeedsQuery(args.today, scope))
