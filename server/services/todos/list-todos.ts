// 待办: one list per person, computed from the records on every request (never a copy that could
// drift), from the sources of each role they hold, most urgent first.
import type { TTodoItem, TTodoList } from '../../../common/contracts/todo/list-todos'
import { shanghaiDate } from '../../../common/dates'
import { hasRole } from '../auth/actor'
import type { ServiceContext } from '../service-context'
import { adminTodos } from './admin-todos'
import { cadreTodos } from './cadre-todos'
import { residentTodos } from './resident-todos'
import { secretaryTodos } from './secretary-todos'
import { DEFAULT_TODO_SETTINGS, type TodoSettings } from './todo-settings'
import type { TodoArgs, TodoSource } from './todo-source'

type ListTodosOptions = {
  ctx: ServiceContext
  limit: number
  settings?: TodoSettings | undefined
  /** The clock (tests move it); now by default. */
  now?: Date
}

/**
 * Overdue first, then by due day, soonest first; items without a deadline (a resident's unread
 * changes) after, in their source's order (newest first). The sort is stable.
 */
const byUrgency = (a: TTodoItem, b: TTodoItem): number => {
  if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1
  if (a.dueOn === b.dueOn) return 0
  if (a.dueOn === null) return 1
  if (b.dueOn === null) return -1
  return a.dueOn < b.dueOn ? -1 : 1
}

/**
 * One person's items, most urgent first; the same record can reach one person by two roles (a
 * secretary who is also a cadre): once, as the first of them.
 */
export const mostUrgentFirst = (items: TTodoItem[]): TTodoItem[] => {
  const seen = new Set<string>()
  return [...items].sort(byUrgency).filter((item) => {
    const record = `${item.target.page}:${item.target.id ?? item.key}`
    if (seen.has(record)) return false
    seen.add(record)
    return true
  })
}

const sourcesOf = async (args: TodoArgs): Promise<TodoSource[]> => {
  const { actor } = args.ctx
  const none = async (): Promise<TodoSource[]> => []
  // Each role's sources side by side on the pool, kept in this order (the sort is stable).
  const byRole = await Promise.all([
    hasRole(actor, 'ADMIN') ? adminTodos(args) : none(),
    hasRole(actor, 'SECRETARY') ? secretaryTodos(args) : none(),
    hasRole(actor, 'CADRE') ? cadreTodos(args) : none(),
    hasRole(actor, 'RESIDENT') ? residentTodos(args) : none(),
  ])
  return byRole.flat()
}

export const listTodos = async ({ ctx, limit, settings, now = new Date() }: ListTodosOptions): Promise<TTodoList> => {
  const sources = await sourcesOf({
    ctx,
    now,
    today: shanghaiDate(now),
    limit,
    settings: settings ?? DEFAULT_TODO_SETTINGS,
  })
  const items = mostUrgentFirst(sources.flatMap((s) => s.items))
  return { items: items.slice(0, limit), total: sources.reduce((sum, s) => sum + s.total, 0) }
}

/** The badge: how many items the list holds, without reading them. */
export const countTodos = async (options: Omit<ListTodosOptions, 'limit'>): Promise<{ total: number }> => ({
  total: (await listTodos({ ...options, limit: 0 })).total,
})
