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

/**
 * The live session of a token, with the authorisation epoch read in the same query: one round trip
 * tells whose request it is and whether the actor loaded for them earlier still holds
 * (actor-cache.ts).
 */
export const findLiveSession = async (db: Tx, token: string) => {
  const [row] = await db.$queryRaw<{ id: string; userId: string; epoch: bigint }[]>`
    SELECT s."id", s."userId", e."value" AS "epoch"
      FROM "Session" s CROSS JOIN "AuthzEpoch" e
     WHERE s."tokenHash" = ${hashToken(token)} AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND e."id" = 1`
  return row ?? null
}

export const revokeSession = async (db: Tx, sessionId: string): Promise<void> => {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } })
}
