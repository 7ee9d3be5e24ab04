import { z } from 'zod'
import { ZDateOnly } from '../fields'
import { isPeriodInOrder, PERIOD_OUT_OF_ORDER, REFUSE_UNKNOWN_FILTERS } from './export-query'

/**
 * The 主题党日台账 export's filters, from the query string of GET /exports/activity-ledger.xlsx:
 * a village id and the dates the activities were held, no personal data.
 */
export const ZActivityLedgerRequestSchema = z
  .strictObject(
    {
      villageId: z.uuid('村编号格式不正确').optional(),
      from: ZDateOnly.optional(),
      to: ZDateOnly.optional(),
    },
    REFUSE_UNKNOWN_FILTERS,
  )
  .refine(isPeriodInOrder, PERIOD_OUT_OF_ORDER)
export type TActivityLedgerRequest = z.infer<typeof ZActivityLedgerRequestSchema>
