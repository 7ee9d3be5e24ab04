// Sessions are opaque random bearer tokens (cookies do not work in mini-programs). Only the
// token's SHA-256 is stored, so a leaked database does not leak live sessions.
import { createHash, randomBytes } from 'node:crypto'
import type { Tx } from '../../db/client'

export type SessionMethod = 'PASSWORD' | 'WECHAT'

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export const createSession = async (
  db: Tx,
  {
    userId,
    method,
    ttlMs,
    userAgent,
  }: { userId: string; method: SessionMethod; ttlMs: number; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> => {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + ttlMs)
  await db.session.create({
    data: { tokenHash: hashToken(token), userId, method, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null },
  })
  return { token, expiresAt }
}

export const findLiveSession = (db: Tx, token: string) =>
  db.session.findFirst({
    where: { tokenHash: hashToken(token), revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, userId: true },
  })

export const revokeSession = async (db: Tx, sessionId: string): Promise<void> => {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } })
}
