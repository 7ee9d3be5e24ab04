import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'

/**
 * An action on one account that needs nothing but the account and the version the person saw:
 * user.deactivate, user.reactivate.
 */
export const ZUserActionRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
})
export type TUserActionRequest = z.infer<typeof ZUserActionRequestSchema>

/** user.resetPassword, user.unlock, user.unbindWechat: on the account as it is now. */
export const ZUserRequestSchema = z.object({ clientMutationId: ZClientMutationId, id: z.uuid() })
export type TUserRequest = z.infer<typeof ZUserRequestSchema>
