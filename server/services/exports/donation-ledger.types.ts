import { z } from 'zod'
import { ZDateOnly } from '../../../common/fields'

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
    {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的筛选条件：${issue.keys.join('、')}` : undefined),
    },
  )
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' })
export type TDonationLedgerRequest = z.infer<typeof ZDonationLedgerRequestSchema>
