// The password-login lockout (services/auth/auth-attempts.ts) as the people pages see it: whether
// a phone is locked out now, and lifting it. A success clears a subject's failures, so lifting is
// recording one, with the administrator's address; the failures stay, as the record of who tried.
import type { Context } from '../../context'
import type { Tx } from '../../db/client'
import { type AuthAttemptKind, Prisma } from '../../generated/prisma/client'

/**
 * Whether the phone (an SQL expression) is locked out: as many failures as the policy allows,
 * since its last success, within the window. Two probes of the (kind, subject, createdAt) index.
 */
export const isLockedOutSql = (phone: Prisma.Sql, security: Context['security']): Prisma.Sql => {
  const since = new Date(Date.now() - security.lockoutWindowMs)
  const attempts = (succeeded: boolean) =>
    Prisma.sql`"kind" = 'PASSWORD_LOGIN'::"AuthAttemptKind" AND "subject" = ${phone} AND "succeeded" = ${succeeded}
      AND "createdAt" >= ${since}`
  return Prisma.sql`(${phone} IS NOT NULL AND (
    SELECT count(*) FROM "AuthAttempt" a
     WHERE ${attempts(false)}
       AND a."createdAt" > COALESCE(
         (SELECT max(s."createdAt") FROM "AuthAttempt" s WHERE ${attempts(true)}), '-infinity'::timestamptz)
  ) >= ${security.maxFailuresPerSubject})`
}

export const isLockedOut = async (ctx: { db: Tx; security: Context['security'] }, phone: string | null) => {
  if (!phone) return false
  const [row] = await ctx.db.$queryRaw<{ isLocked: boolean }[]>`
    SELECT ${isLockedOutSql(Prisma.sql`${phone}::text`, ctx.security)} AS "isLocked"`
  return row?.isLocked ?? false
}

/** Clears the failures counted against the account: its phone's logins, its own bindings. */
export const liftLockout = async (
  db: Tx,
  { userId, phone, ip }: { userId: string; phone: string | null; ip: string | null },
) => {
  const subjects: { kind: AuthAttemptKind; subject: string }[] = [
    ...(phone ? [{ kind: 'PASSWORD_LOGIN' as const, subject: phone }] : []),
    { kind: 'HOUSEHOLD_BIND', subject: userId },
    { kind: 'INVITATION_ACCEPT', subject: userId },
  ]
  await db.authAttempt.createMany({
    data: subjects.map((s) => ({ ...s, ip: ip ?? 'unknown', succeeded: true })),
  })
}
