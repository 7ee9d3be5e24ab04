// What each of the 待办 list's sources receives and answers, and the small helpers they share.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import { dateOnlyToDate, dateToDateOnly } from '../../../common/dates'
import type { ServiceContext } from '../service-context'
import type { TodoSettings } from './todo-settings'

export type TodoArgs = {
  ctx: ServiceContext
  now: Date
  /** `now`'s calendar day in Beijing, YYYY-MM-DD. */
  today: string
  /** How many items to return at most (0: only count them). */
  limit: number
  settings: TodoSettings
}

/** Up to `limit` of a source's items, most urgent first, and how many it has in all. */
export type TodoSource = { items: TTodoItem[]; total: number }

export const NO_TODOS: TodoSource = { items: [], total: 0 }

const DAY_MS = 86_400_000

/** The calendar day `days` after (or, negative, before) `day`, both YYYY-MM-DD. */
export const shiftDay = (day: string, days: number): string =>
  dateToDateOnly(new Date(dateOnlyToDate(day).getTime() + days * DAY_MS))

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((dateOnlyToDate(to).getTime() - dateOnlyToDate(from).getTime()) / DAY_MS)

/** A need's description, short enough for one line of a list. */
export const clip = (text: string, max = 24): string => (text.length > max ? `${text.slice(0, max)}…` : text)

/** "今天到期", "还有 2 天到期" or "已逾期 5 天", for a due day seen from `today`. */
export const dueText = (dueOn: string, today: string): string => {
  const days = daysBetween(today, dueOn)
  if (days === 0) return '今天到期'
  return days > 0 ? `还有 ${days} 天到期` : `已逾期 ${-days} 天`
}

/** Runs a count and, unless only the count is wanted, a page of items. */
export const countAndList = async (
  args: Pick<TodoArgs, 'limit'>,
  count: () => Promise<number>,
  list: () => Promise<TTodoItem[]>,
): Promise<TodoSource> => {
  const total = await count()
  if (!total || !args.limit) return { items: [], total }
  return { items: await list(), total }
}
