// 待办: what needs the signed-in person now, computed from the records on each request
// (todo.list, todo.count). Each item names the record it is about; the app opens that page.
import { z } from 'zod'

export const ZListTodosRequestSchema = z.object({
  /** The most urgent items to list; `total` counts them all. */
  limit: z.number().int().min(1).max(100).default(50),
})
export type TListTodosRequest = z.infer<typeof ZListTodosRequestSchema>

export const TODO_KINDS = [
  /** 驻村干部: an open need due within three days, or overdue. */
  'NEED_DUE',
  /** 驻村干部: a need received and not yet taken up (直接办理, 转交 or 不予受理), with no deadline near. */
  'NEED_NEW',
  /** 驻村干部: a resolved need waiting for its 回访. */
  'NEED_FOLLOW_UP',
  /** 驻村干部: a household whose visit cadence has run out. */
  'HOUSEHOLD_VISIT_DUE',
  /** 支部书记: a 党支部 of his with no 主题党日 recorded this month. */
  'PARTY_DAY_MISSING',
  /** 支部书记: an activity left a draft for more than seven days. */
  'ACTIVITY_DRAFT',
  /** 支部书记 (overdue more than 7 days) and admins (more than 14 days): 督办. */
  'NEED_ESCALATED',
  /** Admins: the last check of the audit chain found it broken. */
  'AUDIT_CHAIN_BROKEN',
  /** Admins: no good backup for more than two days. */
  'BACKUP_OVERDUE',
  /** 村民: one of their needs changed (status, 回访) since they last opened it. */
  'MY_NEED_CHANGED',
  /** 村民: a handover to their household still 待签收: 确认收到, or 有异议. */
  'MY_HANDOVER_PENDING',
] as const
export type TTodoKind = (typeof TODO_KINDS)[number]

/** The page an item opens (the app's routes of the same name), and the record's id when it has one. */
export type TTodoTarget =
  | { page: 'needDetail' | 'myNeedDetail' | 'householdDetail' | 'activityDetail'; id: string }
  | { page: 'activityForm' | 'auditLog' | 'admin' | 'myReceipts'; id: null }

export type TTodoItem = {
  /** Stable across requests: the kind and the record (and, for a month's 主题党日, the month). */
  key: string
  kind: TTodoKind
  title: string
  detail: string
  /** The day by which it is due, YYYY-MM-DD (Beijing); null: no deadline (an unread change). */
  dueOn: string | null
  isOverdue: boolean
  target: TTodoTarget
}

export type TTodoList = { items: TTodoItem[]; total: number }
