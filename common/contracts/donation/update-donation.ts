import { z } from 'zod'
import { ZClientMutationId, ZDateOnly, ZVersion } from '../fields'

/** Amounts never change: a wrong amount is voided and recorded again, as the ledger requires. */
export const ZUpdateDonationRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  activityId: z.uuid().nullish(),
  receivedOn: ZDateOnly,
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullish(),
})
export type TUpdateDonationRequest = z.infer<typeof ZUpdateDonationRequestSchema>
