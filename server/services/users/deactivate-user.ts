// 停用: the account can no longer sign in, and every session it has ends at once. Its roles, posts
// and records stay as they are and keep its name; reactivating it gives everything back. Open
// invitations are revoked, so that no one binds a WeChat to a closed account.
import type { TUserActionRequest } from '../../../common/contracts/user/user-action'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { endSessions } from './end-sessions'
import { getUser } from './get-user'
import { assertAnotherAdmin } from './last-admin'
import { lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const deactivateUser = async ({ ctx, input }: { ctx: UserServiceContext; input: TUserActionRequest }) => {
  if (input.id === ctx.actor.userId) throw new AppError('CANNOT_DEACTIVATE_SELF')
  const account = await lockManagedAccount(ctx, input.id)
  if (!account.isActive) throw new AppError('ACCOUNT_INACTIVE', { message: '该账号已经停用，无需重复操作' })
  if (account.version !== input.version) throw versionConflict(account.version)
  if (account.roles.some((r) => r.role === 'ADMIN')) await assertAnotherAdmin(ctx.db, { exceptUserId: account.id })
  const deactivatedAt = new Date()
  await ctx.db.user.update({
    where: { id: account.id },
    data: { isActive: false, deactivatedAt, version: { increment: 1 } },
  })
  const sessionsEnded = await endSessions(ctx.db, account.id)
  const { count: invitationsRevoked } = await ctx.db.invitation.updateMany({
    where: { userId: account.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: deactivatedAt } },
    data: { revokedAt: deactivatedAt },
  })
  await writeAudit(ctx, {
    action: 'user.deactivate',
    entityType: 'User',
    entityId: account.id,
    after: { isActive: false, deactivatedAt, sessionsEnded, invitationsRevoked },
  })
  return getUser({ ctx, id: account.id })
}
