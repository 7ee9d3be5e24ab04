import { ZListInvitationsRequestSchema } from '../../../common/contracts/invitation/list-invitations'
import { listInvitations } from '../../services/invitations/list-invitations'
import { secretaryProcedure } from '../../trpc'

export const listInvitationsRoute = secretaryProcedure
  .input(ZListInvitationsRequestSchema)
  .query(({ ctx, input }) => listInvitations({ ctx, input }))
