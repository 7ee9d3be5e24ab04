import { z } from 'zod'
import { ZClientMutationId } from '../fields'

/** A one-time invitation to bind a WeChat identity to this staff account (valid 7 days). */
export const ZCreateInvitationRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  userId: z.uuid(),
})
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequestSchema>
