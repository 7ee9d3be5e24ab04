import type { z } from 'zod'

/**
 * The exports' query strings refuse unknown parameters, naming them: a misspelt filter would
 * otherwise export everything in scope. For z.strictObject's second argument.
 */
export const REFUSE_UNKNOWN_FILTERS = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === 'unrecognized_keys' ? `不支持的筛选条件：${issue.keys.join('、')}` : undefined,
}

/** A period's end may not come before its start; for `.refine`. */
export const isPeriodInOrder = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to

export const PERIOD_OUT_OF_ORDER = { path: ['to'], message: '结束日期不能早于开始日期' }
