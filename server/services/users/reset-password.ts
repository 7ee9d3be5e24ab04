// 重置密码: a new one-time password, answered once, for someone who forgot theirs. Every session
// ends, the person must change it at the next sign-in, and a lockout on the phone is lifted so the
// new password works at once.
import type { TUserRequest } from '../../../common/contracts/user/user-action'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { hashPassword } from '../auth/passwords'
import { endSessions } from './end-sessions'
import { getUser } from './get-user'
import { liftLockout } from './login-lockout'
import { oneTimePassword } from './one-time-password'
import { assertActive, lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const resetPassword = async ({ ctx, input }: { ctx: UserServiceContext; input: TUserRequest }) => {
  const account = await lockManagedAccount(ctx, input.id)
  assertActive(account)
  if (!account.phone)
    throw new AppError('PASSWORD_NOT_SET', { message: '该账号没有登录手机号，请先填写手机号再重置密码' })
  const password = oneTimePassword()
  const passwordChangedAt = new Date()
  await ctx.db.user.update({
    where: { id: account.id },
    data: {
      passwordHash: await hashPassword(password),
      passwordChangedAt,
      mustChangePassword: true,
      version: { increment: 1 },
    },
  })
  const sessionsEnded = await endSessions(ctx.db, account.id)
  await liftLockout(ctx.db, { userId: account.id, phone: account.phone, ip: ctx.clientIp })
  await writeAudit(ctx, {
    action: 'user.resetPassword',
    entityType: 'User',
    entityId: account.id,
    after: { passwordChangedAt, mustChangePassword: true, sessionsEnded },
  })
  return { user: await getUser({ ctx, id: account.id }), oneTimePassword: password }
}
