// 督办: open needs long past their due day go up a level, to the 支部书记 whose orgs are paired
// with the village (after SECRETARY_ESCALATION_DAYS) and to the administrators (after
// ADMIN_ESCALATION_DAYS). Read off the (status, dueOn) index, or (villageId, status) with villages.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import { OPEN_NEED_STATUSES } from '../../../common/need-workflow'
import type { Prisma } from '../../generated/prisma/client'
import { needTodos } from './need-todos'
import { clip, daysBetween, shiftDay, type TodoArgs, type TodoSource } from './todo-source'

/** Open needs more than `afterDays` past due, in `villageIds` (null: everywhere). */
export const escalatedNeeds = (
  { ctx, today, limit }: TodoArgs,
  { villageIds, afterDays }: { villageIds: readonly string[] | null; afterDays: number },
): Promise<TodoSource> => {
  const where = {
    ...(villageIds === null ? {} : { villageId: { in: [...villageIds] } }),
    status: { in: [...OPEN_NEED_STATUSES] },
    dueOn: { lt: dateOnlyToDate(shiftDay(today, -afterDays)) },
  } satisfies Prisma.NeedWhereInput
  return needTodos(
    { ctx, limit },
    {
      where,
      select: { id: true, description: true, dueOn: true, village: { select: { name: true } } },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    },
    (need): TTodoItem => {
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
  )
}
