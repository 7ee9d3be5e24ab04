// 启用: a deactivated account signs in again, with the roles and posts it still holds.
import type { TUserActionRequest } from '../../../common/contracts/user/user-action'
import { AppError, versionConflict } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { getUser } from './get-user'
import { lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const reactivateUser = async ({ ctx, input }: { ctx: UserServiceContext; input: TUserActionRequest }) => {
  const account = await lockManagedAccount(ctx, input.id)
  if (account.isActive) throw new AppError('ACCOUNT_ACTIVE')
  if (account.version !== input.version) throw versionConflict(account.version)
  await ctx.db.user.update({ where: { id: account.id }, data: { isActive: true, version: { increment: 1 } } })
  await writeAudit(ctx, {
    action: 'user.reactivate',
    entityType: 'User',
    entityId: account.id,
    after: { isActive: true },
  })
  return getUser({ ctx, id: account.id })
}
