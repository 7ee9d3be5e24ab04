import { z } from 'zod'

/** 对账: the donations of an activity, a village, a donor, or one donation, against what was handed over. */
export const ZDonationReconciliationRequestSchema = z.object({
  donationId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  donorOrgId: z.uuid().optional(),
})
export type TDonationReconciliationRequest = z.infer<typeof ZDonationReconciliationRequestSchema>
