import { z } from 'zod'

export const ZListDataChecksRequestSchema = z.object({
  /** Only this village's households; all in scope when omitted. */
  villageId: z.uuid('村编号格式不正确').optional(),
})
export type TListDataChecksRequest = z.infer<typeof ZListDataChecksRequestSchema>

/** The 疑点 rules a household can trip (server/services/households/data-checks.ts). */
export type DataCheckCode =
  | 'LABOR_SHORTAGE_ALL_ABLE'
  | 'ELIMINATED_RISK_NO_INCOME'
  | 'RESOLVED_NOT_FOLLOWED_UP'
  | 'DUPLICATE_ID_NUMBER'
