// Signing in: phone + password (H5), or WeChat's code (mini-program). Both end in a new session.
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { Logger } from '../../lib/logger'
import { loadActor } from './actor'
import { describeUser } from './describe-user'
import { verifyPassword } from './passwords'
import { createSession, type SessionMethod } from './sessions'
import { exchangeWeChatCode, type WeChatConfig } from './wechat-client'

type SessionOptions = { ttlMs: number; userAgent: string | null }

const startSession = async (db: Tx, userId: string, method: SessionMethod, options: SessionOptions) => {
  const actor = await loadActor(db, userId)
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } })
  const session = await createSession(db, { userId, method, ...options })
  return { ...session, user: await describeUser(db, actor) }
}

export const loginWithPassword = async (
  db: Tx,
  { phone, password, ...options }: { phone: string; password: string } & SessionOptions,
) => {
  const user = await db.user.findUnique({ where: { phone }, select: { id: true, passwordHash: true } })
  const isValid = await verifyPassword(user?.passwordHash ?? null, password)
  if (!user || !isValid) throw new AppError('INVALID_CREDENTIALS')
  return startSession(db, user.id, 'PASSWORD', options)
}

/** Finds or creates the user for a WeChat openid; a new user has no roles until bound. */
export const loginWithWeChat = async (
  db: Tx,
  { code, wechat, log, ...options }: { code: string; wechat: WeChatConfig | null; log: Logger } & SessionOptions,
) => {
  if (!wechat) throw new AppError('WECHAT_NOT_CONFIGURED')
  const { openid, unionid } = await exchangeWeChatCode(wechat, code, log)
  const user = await db.user.upsert({
    where: { openid },
    create: { openid, unionid, displayName: '微信用户' },
    update: unionid ? { unionid } : {},
    select: { id: true },
  })
  return startSession(db, user.id, 'WECHAT', options)
}
