// Sessions are opaque random bearer tokens (cookies do not work in mini-programs). Only the
// token's SHA-256 is stored, so a leaked database does not leak live sessions.
import { createHash, randomBytes } from 'node:crypto'
import { type Db, poolOf, type Tx } from '../../db/client'

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

const LIVE_SESSION = `
  SELECT s."id", s."userId", e."value"::text AS "epoch"
    FROM "Session" s CROSS JOIN "AuthzEpoch" e
   WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND e."id" = 1`

type LiveSessionRow = { id: string; userId: string; epoch: string }

/**
 * The live session of a token, with the authorisation epoch read in the same query: one round trip
 * tells whose request it is and whether the actor loaded for them earlier still holds
 * (actor-cache.ts). Every request with a token sends it, so it goes straight to the client's pool
 * as a named prepared statement (each connection parses and plans it once), not through Prisma's
 * query pipeline, which cost as much server CPU as the rest of a request without SQL
 * (docs/benchmarks.md, Capacity). It is still read from the database on every request.
 */
export const findLiveSession = async (db: Db, token: string) => {
  const pool = poolOf(db)
  const tokenHash = hashToken(token)
  const rows = pool
    ? (await pool.query<LiveSessionRow>({ name: 'live-session', text: LIVE_SESSION, values: [tokenHash] })).rows
    : await db.$queryRawUnsafe<LiveSessionRow[]>(LIVE_SESSION, tokenHash)
  const [row] = rows
  return row ? { id: row.id, userId: row.userId, epoch: BigInt(row.epoch) } : null
}

export const revokeSession = async (db: Tx, sessionId: string): Promise<void> => {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } })
}
