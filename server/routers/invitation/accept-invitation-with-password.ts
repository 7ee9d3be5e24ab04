import { ZAcceptInvitationWithPasswordRequestSchema } from '../../../common/contracts/invitation/accept-invitation-with-password'
import {
  acceptInvitationWithPassword,
  invitationPasswordProof,
} from '../../services/invitations/accept-invitation-with-password'
import { publicProcedure } from '../../trpc'

// Public, as a login is: the invited person has no session in the browser yet.
export const acceptInvitationWithPasswordRoute = publicProcedure
  .meta({ proof: invitationPasswordProof })
  .input(ZAcceptInvitationWithPasswordRequestSchema)
  .mutation(({ ctx, input }) => acceptInvitationWithPassword({ ctx, input }))
