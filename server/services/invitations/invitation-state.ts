// An invitation's state, from its dates (common/contracts/invitation/invitation-state.ts labels them).
import type { InvitationState } from '../../../common/contracts/invitation/invitation-state'

type InvitationDates = {
  id: string
  createdAt: Date
  expiresAt: Date
  acceptedAt: Date | null
  revokedAt: Date | null
}

export const invitationStateOf = (invitation: InvitationDates, now = new Date()): InvitationState => {
  if (invitation.acceptedAt) return 'ACCEPTED'
  if (invitation.revokedAt) return 'REVOKED'
  return invitation.expiresAt <= now ? 'EXPIRED' : 'PENDING'
}

export const invitationSelect = {
  id: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
} as const

/** What the account's page shows of an invitation: never the code, which only its creator saw. */
export const toInvitationView = (invitation: InvitationDates, now = new Date()) => ({
  ...invitation,
  state: invitationStateOf(invitation, now),
})
