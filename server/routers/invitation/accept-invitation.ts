import { ZAcceptInvitationRequestSchema } from '../../../common/contracts/invitation/accept-invitation'
import { acceptInvitation, invitationProof } from '../../services/invitations/accept-invitation'
import { authedProcedure } from '../../trpc'

// Any signed-in account: the WeChat user's own, made at their first WeChat login, has no roles.
export const acceptInvitationRoute = authedProcedure
  .meta({ proof: invitationProof })
  .input(ZAcceptInvitationRequestSchema)
  .mutation(({ ctx, input }) => acceptInvitation({ ctx, input }))
