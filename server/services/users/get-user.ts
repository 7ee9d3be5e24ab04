// One account for 管理 → 人员: who they are, how they sign in, their roles and 驻村 posts with
// their dates (current and ended), and their invitations' states.
import { isLive, today } from '../auth/periods'
import { invitationSelect, toInvitationView } from '../invitations/invitation-state'
import { isLockedOut } from './login-lockout'
import { accountNotFound, managesAccount, seesAccount } from './user-access'
import type { UserReadContext } from './user-context'
import { phoneFor, toPostView, toRoleView } from './user-views'

/**
 * `justChanged`: the caller has just changed the account under the management check, and sees the
 * result even when the change took it out of his sight (a 支部书记 ending a member's last role).
 */
export const getUser = async ({
  ctx,
  id,
  justChanged = false,
}: {
  ctx: UserReadContext
  id: string
  justChanged?: boolean
}) => {
  const day = today()
  const user = await ctx.db.user.findUnique({
    where: { id },
    select: {
      id: true,
      displayName: true,
      phone: true,
      openid: true,
      passwordHash: true,
      isActive: true,
      deactivatedAt: true,
      mustChangePassword: true,
      lastLoginAt: true,
      createdAt: true,
      version: true,
      memberships: {
        select: {
          id: true,
          role: true,
          title: true,
          startedOn: true,
          endedOn: true,
          org: { select: { id: true, name: true, path: true, closedAt: true } },
        },
        orderBy: [{ startedOn: 'desc' }, { id: 'asc' }],
      },
      cadreVillages: {
        select: {
          id: true,
          post: true,
          startedOn: true,
          endedOn: true,
          village: { select: { id: true, name: true, township: true, county: true } },
        },
        orderBy: [{ startedOn: 'desc' }, { id: 'asc' }],
      },
      invitations: { select: invitationSelect, orderBy: { createdAt: 'desc' }, take: 10 },
    },
  })
  if (!user) throw accountNotFound()
  const standing = {
    roles: user.memberships.filter((m) => isLive(m, day)).map((m) => ({ role: m.role, orgPath: m.org.path })),
    livePostCount: user.cadreVillages.filter((c) => isLive(c, day)).length,
  }
  if (!justChanged && !seesAccount(ctx.actor, standing)) throw accountNotFound()
  const canManage = managesAccount(ctx.actor, standing)
  return {
    id: user.id,
    displayName: user.displayName,
    ...phoneFor(user.phone, canManage),
    isActive: user.isActive,
    deactivatedAt: user.deactivatedAt,
    hasWechat: user.openid !== null,
    hasPassword: user.passwordHash !== null,
    mustChangePassword: user.mustChangePassword,
    isLocked: await isLockedOut(ctx, user.phone),
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    version: user.version,
    canManage,
    roles: user.memberships.map((m) => toRoleView(m, day)),
    posts: user.cadreVillages.map((c) => toPostView(c, day)),
    invitations: canManage ? user.invitations.map((i) => toInvitationView(i)) : [],
  }
}

export type UserDetail = Awaited<ReturnType<typeof getUser>>
