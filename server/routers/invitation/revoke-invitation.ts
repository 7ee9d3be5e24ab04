import { ZRevokeInvitationRequestSchema } from '../../../common/contracts/invitation/revoke-invitation'
import { revokeInvitation } from '../../services/invitations/revoke-invitation'
import { secretaryProcedure } from '../../trpc'

export const revokeInvitationRoute = secretaryProcedure
  .input(ZRevokeInvitationRequestSchema)
  .mutation(({ ctx, input }) => revokeInvitation({ ctx, input }))
