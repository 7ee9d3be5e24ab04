// One account's invitations, newest first, for those who manage it: when each was made, until
// when it holds, and whether it was used or revoked. Codes are never shown again.
import { INVITATIONS_LISTED, type TListInvitationsRequest } from '../../../common/contracts/invitation/list-invitations'
import { assertManages } from '../users/user-access'
import type { UserServiceContext } from '../users/user-context'
import { invitationSelect, toInvitationView } from './invitation-state'

export const listInvitations = async ({ ctx, input }: { ctx: UserServiceContext; input: TListInvitationsRequest }) => {
  await assertManages(ctx, input.userId)
  const invitations = await ctx.db.invitation.findMany({
    where: { userId: input.userId },
    select: { ...invitationSelect, createdById: true },
    orderBy: { createdAt: 'desc' },
    take: INVITATIONS_LISTED,
  })
  const creators = await ctx.db.user.findMany({
    where: { id: { in: [...new Set(invitations.map((i) => i.createdById))] } },
    select: { id: true, displayName: true },
  })
  const nameOf = new Map(creators.map((c) => [c.id, c.displayName]))
  const now = new Date()
  return invitations.map(({ createdById, ...invitation }) => ({
    ...toInvitationView(invitation, now),
    createdBy: { id: createdById, displayName: nameOf.get(createdById) ?? null },
  }))
}
