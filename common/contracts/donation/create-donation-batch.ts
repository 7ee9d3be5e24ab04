import { z } from 'zod'
import { wholeRecord, ZClientMutationId } from '../fields'
import { refineDonation, ZDonationFields } from './create-donation'

export const MAX_DONATIONS_PER_BATCH = 200

/**
 * Several donations recorded at once, all or none: the seven law firms' 慰问金 from one 主题党日,
 * or a page of a donation sheet. One bad row refuses the batch, naming the row.
 */
export const ZCreateDonationBatchRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  donations: z
    .array(ZDonationFields.superRefine(...wholeRecord(refineDonation)))
    .min(1, '请至少登记一笔捐赠')
    .max(MAX_DONATIONS_PER_BATCH, `一次最多登记 ${MAX_DONATIONS_PER_BATCH} 笔捐赠`),
})
export type TCreateDonationBatchRequest = z.infer<typeof ZCreateDonationBatchRequestSchema>
