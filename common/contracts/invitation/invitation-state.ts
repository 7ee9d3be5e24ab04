// Where an invitation stands, as the account's page lists them. Derived from its dates, not stored.
export const INVITATION_STATE_LABELS = {
  PENDING: '待使用',
  ACCEPTED: '已使用',
  EXPIRED: '已过期',
  REVOKED: '已撤销',
} as const

export type InvitationState = keyof typeof INVITATION_STATE_LABELS
