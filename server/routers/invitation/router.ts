// Invitations that bind a person's WeChat to the staff account made for them, or in a browser let
// them set their password (docs/domain.md, "Who sets things up, and how people join").
import { router } from '../../trpc'
import { acceptInvitationRoute } from './accept-invitation'
import { acceptInvitationWithPasswordRoute } from './accept-invitation-with-password'
import { createInvitationRoute } from './create-invitation'
import { listInvitationsRoute } from './list-invitations'
import { revokeInvitationRoute } from './revoke-invitation'

export const invitationRouter = router({
  create: createInvitationRoute,
  revoke: revokeInvitationRoute,
  list: listInvitationsRoute,
  accept: acceptInvitationRoute,
  acceptWithPassword: acceptInvitationWithPasswordRoute,
})
