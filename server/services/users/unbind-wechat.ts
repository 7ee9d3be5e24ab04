// 解除微信绑定: the account's WeChat identity is removed (a lost or changed phone, a WeChat bound by
// mistake) and its WeChat sessions end. It can be bound again through a new invitation.
import type { TUserRequest } from '../../../common/contracts/user/user-action'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import { endSessions } from './end-sessions'
import { getUser } from './get-user'
import { lockManagedAccount } from './user-access'
import type { UserServiceContext } from './user-context'

export const unbindWechat = async ({ ctx, input }: { ctx: UserServiceContext; input: TUserRequest }) => {
  const account = await lockManagedAccount(ctx, input.id)
  if (!account.openid) throw new AppError('WECHAT_NOT_BOUND')
  await ctx.db.user.update({
    where: { id: account.id },
    data: { openid: null, unionid: null, version: { increment: 1 } },
  })
  const sessionsEnded = await endSessions(ctx.db, account.id, 'WECHAT')
  await writeAudit(ctx, {
    action: 'user.unbindWechat',
    entityType: 'User',
    entityId: account.id,
    after: { hasWechat: false, sessionsEnded },
  })
  return getUser({ ctx, id: account.id })
}
