import { z } from 'zod'
import { ZNewPassword } from '../auth/change-password'
import { ZMobilePhone } from '../fields'
import { ZInvitationCodeText } from './accept-invitation'

/**
 * 使用邀请码 in a browser (H5, where there is no WeChat to bind): the invited person proves the
 * account is theirs with the code and the account's phone, and sets the password they will sign in
 * with. Answered as a login: a session of the staff account.
 */
export const ZAcceptInvitationWithPasswordRequestSchema = z.object({
  code: ZInvitationCodeText,
  phone: ZMobilePhone,
  newPassword: ZNewPassword,
})
export type TAcceptInvitationWithPasswordRequest = z.infer<typeof ZAcceptInvitationWithPasswordRequestSchema>
