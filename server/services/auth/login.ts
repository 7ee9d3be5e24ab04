// Signing in: phone + password (H5), or WeChat's code (mini-program). Both end in a new session.
// Password logins run under a lockout per phone and per IP (meta `proof`, auth-attempts.ts).

import type { TLoginWithPasswordRequest } from '../../../common/contracts/auth/login-with-password'
import type { TLoginWithWeChatRequest } from '../../../common/contracts/auth/login-with-wechat'
import type { Context } from '../../context'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { loadActor } from './actor'
import { describeUser } from './describe-user'
import { verifyPassword } from './passwords'
import { createSession, type SessionMethod } from './sessions'
import { exchangeWeChatCode } from './wechat-client'

type LoginContext = Pick<Context, 'db' | 'wechat' | 'log' | 'sessionTtlMs' | 'userAgent'>

type SessionOptions = { ttlMs: number; userAgent: string | null }

const startSession = async (db: Tx, userId: string, method: SessionMethod, options: SessionOptions) => {
  const actor = await loadActor(db, userId)
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } })
  const session = await createSession(db, { userId, method, ...options })
  return { ...session, user: await describeUser(db, actor) }
}

const sessionOptions = (ctx: LoginContext): SessionOptions => ({ ttlMs: ctx.sessionTtlMs, userAgent: ctx.userAgent })

export const loginWithPassword = async ({ ctx, input }: { ctx: LoginContext; input: TLoginWithPasswordRequest }) => {
  const user = await ctx.db.user.findUnique({ where: { phone: input.phone }, select: { id: true, passwordHash: true } })
  const isValid = await verifyPassword(user?.passwordHash ?? null, input.password)
  if (!user || !isValid) throw new AppError('INVALID_CREDENTIALS')
  return startSession(ctx.db, user.id, 'PASSWORD', sessionOptions(ctx))
}

/** Finds or creates the user for a WeChat openid; a new user has no roles until bound. */
export const loginWithWeChat = async ({ ctx, input }: { ctx: LoginContext; input: TLoginWithWeChatRequest }) => {
  if (!ctx.wechat) throw new AppError('WECHAT_NOT_CONFIGURED')
  const { openid, unionid } = await exchangeWeChatCode(ctx.wechat, input.code, ctx.log)
  const user = await ctx.db.user.upsert({
    where: { openid },
    create: { openid, unionid, displayName: '微信用户' },
    update: unionid ? { unionid } : {},
    select: { id: true },
  })
  return startSession(ctx.db, user.id, 'WECHAT', sessionOptions(ctx))
}
