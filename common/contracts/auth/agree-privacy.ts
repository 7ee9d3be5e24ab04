import { z } from 'zod'
import { ZClientMutationId } from '../fields'

export const ZAgreePrivacyRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  /** The version the person read; it must be the one in force. */
  version: z.string().min(1).max(40),
  /** WECHAT when agreed through WeChat's 隐私保护指引 button in the mini-program. */
  channel: z.enum(['H5', 'WECHAT']),
})
export type TAgreePrivacyRequest = z.infer<typeof ZAgreePrivacyRequestSchema>
