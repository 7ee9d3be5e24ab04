import { z } from 'zod'
import { ZClientMutationId } from '../fields'

export const ZRevokeInvitationRequestSchema = z.object({ clientMutationId: ZClientMutationId, id: z.uuid() })
export type TRevokeInvitationRequest = z.infer<typeof ZRevokeInvitationRequestSchema>
