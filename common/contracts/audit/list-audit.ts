import { z } from 'zod'
import { isPeriodInOrder, PERIOD_OUT_OF_ORDER } from '../export/export-query'
import { ZDateOnly } from '../fields'

/** 审计日志: who did what to which record, newest first, by person, record type and period (Beijing days). */
export const ZListAuditRequestSchema = z
  .object({
    /** The log's entries are numbered; the next page starts below this one. */
    cursor: z
      .string()
      .regex(/^\d{1,19}$/)
      .nullish(),
    limit: z.number().int().min(1).max(100).default(30),
    actorId: z.uuid().optional(),
    /** The record's type as the log names it: Activity, Donation, Household, Org, User, … */
    entityType: z
      .string()
      .regex(/^[A-Za-z]{1,40}$/, '记录类型不正确')
      .optional(),
    entityId: z.string().max(64).optional(),
    from: ZDateOnly.optional(),
    to: ZDateOnly.optional(),
  })
  .refine(isPeriodInOrder, PERIOD_OUT_OF_ORDER)
export type TListAuditRequest = z.infer<typeof ZListAuditRequestSchema>
