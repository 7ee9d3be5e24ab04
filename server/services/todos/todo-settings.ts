// The rhythms the 待办 list keeps (docs/domain.md, "Rhythms the work keeps"). The visit cadences
// come from configuration (TODO_VISIT_DAYS_MONITORED, TODO_VISIT_DAYS_ALLEVIATED in server/env.ts);
// the rest are the workflow's own rules.

export type TodoSettings = {
  /** 监测对象 whose risks are not all eliminated: visited at least this often (days). */
  visitDaysMonitored: number
  /** Other 脱贫户: visited at least this often (days). */
  visitDaysAlleviated: number
}

export const DEFAULT_TODO_SETTINGS: TodoSettings = { visitDaysMonitored: 30, visitDaysAlleviated: 90 }

/** A need or a visit shows up this many days before it is due. */
export const DUE_SOON_DAYS = 3
/** A resolved need is followed up (回访) within this many days. */
export const FOLLOW_UP_WITHIN_DAYS = 7
/** An open need this many days past due goes up to the 支部书记 whose orgs are paired with its village. */
export const SECRETARY_ESCALATION_DAYS = 7
/** …and this many days past due, to the administrators. */
export const ADMIN_ESCALATION_DAYS = 14
/** An activity left a draft this long is the 支部书记's to finish or remove. */
export const DRAFT_STALE_DAYS = 7
