import { z } from 'zod'
import { ZClientMutationId } from '../fields'

/** How long an invitation may be used. */
export const INVITATION_VALID_DAYS = 7

/** A one-time invitation to bind a WeChat identity to this staff account (valid 7 days). */
export const ZCreateInvitationRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  userId: z.uuid(),
})
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequestSchema>
