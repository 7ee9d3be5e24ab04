import { z } from 'zod'
import { REFUSE_UNKNOWN_FILTERS } from './export-query'

/**
 * The 困难户花名册 exports' filter, from the query string of GET /exports/household-roster.xlsx and
 * GET /exports/household-roster-public.xlsx: a village id, no personal data. Unknown parameters
 * are refused: a misspelt filter would otherwise export every village in scope.
 */
export const ZHouseholdRosterRequestSchema = z.strictObject(
  { villageId: z.uuid('村编号格式不正确').optional() },
  REFUSE_UNKNOWN_FILTERS,
)
export type THouseholdRosterRequest = z.infer<typeof ZHouseholdRosterRequestSchema>
