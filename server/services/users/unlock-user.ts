// 解除锁定: lifts a login lockout on the account's phone before it runs out by itself, for a person
// who mistyped their password too often and now has the right one.
import type { TUserRequest } from '../../../common/contracts/user/user-action'
import { writeAudit } from '../audit/write-audit'
import { getUser } from './get-user'
import { liftLockout } from './login-lockout'
import { lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const unlockUser = async ({ ctx, input }: { ctx: UserServiceContext; input: TUserRequest }) => {
  const account = await lockManagedAccount(ctx, input.id)
  await liftLockout(ctx.db, { userId: account.id, phone: account.phone, ip: ctx.clientIp })
  await writeAudit(ctx, {
    action: 'user.unlock',
    entityType: 'User',
    entityId: account.id,
    after: { unlockedAt: new Date() },
  })
  return getUser({ ctx, id: account.id })
}
