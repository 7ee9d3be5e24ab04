// A signed-in person changes their password. It proves the current one under the same lockout as
// logins (meta `proof`), and ends every other session: a stolen token stops working once the
// password changes.

import type { TChangePasswordRequest } from '../../../common/contracts/auth/change-password'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { hashPassword, verifyPassword } from './passwords'

type ChangePasswordContext = ServiceContext & Pick<Context, 'sessionId'>

const wrongPassword = () =>
  new AppError('WRONG_PASSWORD', { fieldErrors: { currentPassword: ['当前密码不正确，请重新输入'] } })

export const changePassword = async ({ ctx, input }: { ctx: ChangePasswordContext; input: TChangePasswordRequest }) => {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.actor.userId },
    select: { id: true, phone: true, passwordHash: true },
  })
  if (!user.phone || !user.passwordHash) throw new AppError('PASSWORD_NOT_SET')
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw wrongPassword()
  const changedAt = new Date()
  await ctx.db.user.update({
    where: { id: user.id },
    data: {
      passwordHash: await hashPassword(input.newPassword),
      passwordChangedAt: changedAt,
      mustChangePassword: false,
      version: { increment: 1 },
    },
  })
  const { count } = await ctx.db.session.updateMany({
    where: { userId: user.id, revokedAt: null, ...(ctx.sessionId ? { id: { not: ctx.sessionId } } : {}) },
    data: { revokedAt: changedAt },
  })
  await writeAudit(ctx, {
    action: 'auth.changePassword',
    entityType: 'User',
    entityId: user.id,
    after: { passwordChangedAt: changedAt, otherSessionsEnded: count },
  })
  return { otherSessionsEnded: count }
}
