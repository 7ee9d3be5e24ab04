// 督办: open needs long past their due day go up a level, to the 支部书记 whose orgs are paired
// with the village (after SECRETARY_ESCALATION_DAYS) and to the administrators (after
// ADMIN_ESCALATION_DAYS). Read off the (status, dueOn) index, or (villageId, status) with villages.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate } from '../../../common/dates'
import type { NeedStatus } from '../../../common/enums'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import { Prisma } from '../../generated/prisma/client'
import { rollupOverdueNeeds } from '../stats/summary-rollups'
import { inVillages, type NeedTodoQuery, needLines, needTodos, statusList } from './need-todos'
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
  statuses: readonly NeedStatus[] = OPEN_NEED_STATUSES,
): NeedTodoQuery => {
  const conditions = [
    Prisma.sql`n.status IN (${statusList(statuses)})`,
    Prisma.sql`n."dueOn" < ${shiftDay(today, -afterDays)}::date`,
  ]
  if (villageIds !== null) conditions.push(inVillages(villageIds))
  if (exceptVillageIds.length) conditions.push(Prisma.sql`NOT (${inVillages(exceptVillageIds)})`)
  return {
    where: Prisma.join(conditions, ' AND '),
    orderBy: Prisma.sql`n."dueOn", n.id`,
    toItem: (need): TTodoItem => {
      const dueOn = need.dueOn as string
      return {
        key: `NEED_ESCALATED:${need.id}`,
        kind: 'NEED_ESCALATED',
        title: `督办：${need.villageName}诉求逾期 ${daysBetween(dueOn, today)} 天`,
        detail: `${clip(need.description)} · 应办结 ${dueOn}`,
        dueOn,
        isOverdue: true,
        target: { page: 'needDetail', id: need.id },
      }
    },
  }
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
  const scope = { villageIds: null, afterDays, exceptVillageIds }
  const { toItem } = escalatedNeedsQuery(today, scope)
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
          needLines(ctx.db, escalatedNeedsQuery(today, scope, [status]), { limit, isCounted: false }),
        ),
      )
      const key = (need: { dueOn: string | null; id: string }) => `${need.dueOn ?? ''} ${need.id}`
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
  scope.villageIds === null
    ? escalatedEverywhere(args, scope)
    : needTodos(args.ctx.db, args, escalatedNeedsQuery(args.today, scope))
