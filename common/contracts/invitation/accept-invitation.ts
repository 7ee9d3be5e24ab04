import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'
import { invitationCodeOf } from './invitation-code'

/** An invitation code as typed or scanned (inside its QR code's link too), to its canonical form. */
export const ZInvitationCodeText = z
  .string(whenMissing('请输入邀请码'))
  .max(500, '邀请码不正确')
  .transform((text, ctx) => {
    const code = invitationCodeOf(text)
    if (code) return code
    ctx.addIssue({ code: 'custom', message: '邀请码应为 8 位字母和数字，如 K7QM-3XHP，请核对' })
    return z.NEVER
  })

/** Binds the caller's WeChat identity to the invited staff account; the code as typed or scanned. */
export const ZAcceptInvitationRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  code: ZInvitationCodeText,
})
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequestSchema>
