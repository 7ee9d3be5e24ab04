import type { z } from 'zod'
import { ZEndWithReason } from '../fields'

export const ZVoidDonationRequestSchema = ZEndWithReason('作废')
export type TVoidDonationRequest = z.infer<typeof ZVoidDonationRequestSchema>
