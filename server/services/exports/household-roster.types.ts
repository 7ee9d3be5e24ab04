import { z } from 'zod'

/**
 * The 困难户花名册 exports' filter, from the query string of GET /exports/household-roster.xlsx and
 * GET /exports/household-roster-public.xlsx: a village id, no personal data. Unknown parameters
 * are refused: a misspelt filter would otherwise export every village in scope.
 */
export const ZHouseholdRosterRequestSchema = z.strictObject(
  { villageId: z.uuid('村编号格式不正确').optional() },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的筛选条件：${issue.keys.join('、')}` : undefined),
  },
)
export type THouseholdRosterRequest = z.infer<typeof ZHouseholdRosterRequestSchema>
