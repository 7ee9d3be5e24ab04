import { z } from 'zod'
import { ZDateOnly } from '../fields'
import { isPeriodInOrder, PERIOD_OUT_OF_ORDER, REFUSE_UNKNOWN_FILTERS } from './export-query'

/**
 * The 捐赠台账 export's filters, from the query string of GET /exports/donation-ledger.xlsx.
 * Ids and dates only, no personal data, so a query string is acceptable. Unknown parameters are
 * refused: a misspelt filter would otherwise export everything.
 */
export const ZDonationLedgerRequestSchema = z
  .strictObject(
    {
      villageId: z.uuid('受赠村编号格式不正确').optional(),
      activityId: z.uuid('活动编号格式不正确').optional(),
      from: ZDateOnly.optional(),
      to: ZDateOnly.optional(),
    },
    REFUSE_UNKNOWN_FILTERS,
  )
  .refine(isPeriodInOrder, PERIOD_OUT_OF_ORDER)
export type TDonationLedgerRequest = z.infer<typeof ZDonationLedgerRequestSchema>
