// The 诉求 workflow, in the order of the city's 有诉必应 process:
// 受理 → 直接办理 or 转交责任单位 → 办理中 → 办结 → 回访 (with a satisfaction score),
// or 不予受理 with a reason. The server enforces it; the app reads it to offer only legal moves.
import type { NeedStatus } from './enums'

export type NeedTransitionRule = {
  to: NeedStatus
  /** The button's label in the app. */
  action: string
  /** What the transition must carry. */
  requires: readonly ('note' | 'responsibleUnit' | 'satisfaction')[]
}

export const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedTransitionRule[]> = {
  RECEIVED: [
    { to: 'HANDLED_DIRECTLY', action: '直接办理', requires: [] },
    { to: 'TRANSFERRED', action: '转交责任单位', requires: ['responsibleUnit'] },
    { to: 'REJECTED', action: '不予受理', requires: ['note'] },
  ],
  HANDLED_DIRECTLY: [
    { to: 'IN_PROGRESS', action: '开始办理', requires: [] },
    { to: 'RESOLVED', action: '办结', requires: ['note'] },
  ],
  TRANSFERRED: [
    { to: 'IN_PROGRESS', action: '开始办理', requires: [] },
    { to: 'REJECTED', action: '不予受理', requires: ['note'] },
  ],
  IN_PROGRESS: [{ to: 'RESOLVED', action: '办结', requires: ['note'] }],
  RESOLVED: [{ to: 'FOLLOWED_UP', action: '回访', requires: ['satisfaction'] }],
  FOLLOWED_UP: [],
  REJECTED: [],
}

/** Statuses in which a need still waits on someone: they count as open and can be overdue. */
export const OPEN_NEED_STATUSES: readonly NeedStatus[] = ['RECEIVED', 'HANDLED_DIRECTLY', 'TRANSFERRED', 'IN_PROGRESS']

export const findNeedTransition = (from: NeedStatus, to: NeedStatus): NeedTransitionRule | undefined =>
  NEED_TRANSITIONS[from].find((rule) => rule.to === to)

export const SATISFACTION_LABELS: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
}
