import { z } from 'zod'
import { isPeriodInOrder, PERIOD_OUT_OF_ORDER } from '../export/export-query'
import { ZDateOnly } from '../fields'

/** The largest entry number the log can hold (a PostgreSQL bigint), as the cursor writes it. */
const MAX_ENTRY_NUMBER = '9223372036854775807'
const CURSOR_INVALID = '翻页位置不正确，请刷新列表后重试'

/** 审计日志: who did what to which record, newest first, by person, record type and period (Beijing days). */
export const ZListAuditRequestSchema = z
  .object({
    /** The log's entries are numbered; the next page starts below this one. */
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, CURSOR_INVALID)
      // Compared as text (digits of one length order as numbers do): zod runs this check on a
      // cursor the pattern refused too.
      .refine((cursor) => cursor.length < MAX_ENTRY_NUMBER.length || cursor <= MAX_ENTRY_NUMBER, CURSOR_INVALID)
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
