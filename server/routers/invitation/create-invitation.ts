import { ZCreateInvitationRequestSchema } from '../../../common/contracts/invitation/create-invitation'
import { createInvitation } from '../../services/invitations/create-invitation'
import { secretaryProcedure } from '../../trpc'

export const createInvitationRoute = secretaryProcedure
  .input(ZCreateInvitationRequestSchema)
  .mutation(({ ctx, input }) => createInvitation({ ctx, input }))
