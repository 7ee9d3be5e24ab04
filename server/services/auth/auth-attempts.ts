// Lockouts against guessing: a password for a phone, or a household's name and ID number when a
// WeChat user binds to it. Failures are counted per subject (the phone; the account binding) and
// per IP over a sliding window, in the database, so that they hold across instances and restarts.
// A success clears the subject's count; the rows stay, as a record of who tried what from where.
//
// Attempts are written with the pool client, outside the request's transaction: the failed call
// rolls its transaction back, and the failure must survive that.
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import type { AuthAttemptKind } from '../../generated/prisma/client'
import type { SecurityPolicy } from '../../security-policy'

type Attempt = { kind: AuthAttemptKind; subject: string; ip: string | null }

const ipOf = (ip: string | null) => ip ?? 'unknown'

/** Throws LOCKED_OUT, with the wait in minutes, when the subject or the IP has failed too often. */
export const assertNotLockedOut = async (prisma: Db, policy: SecurityPolicy, { kind, subject, ip }: Attempt) => {
  const since = new Date(Date.now() - policy.lockoutWindowMs)
  const lastSuccess = await prisma.authAttempt.findFirst({
    where: { kind, subject, succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  const subjectSince = lastSuccess?.createdAt ?? since
  const [bySubject, byIp] = await Promise.all([
    prisma.authAttempt.findMany({
      where: { kind, subject, succeeded: false, createdAt: { gt: subjectSince } },
      orderBy: { createdAt: 'desc' },
      take: policy.maxFailuresPerSubject,
      select: { createdAt: true },
    }),
    prisma.authAttempt.findMany({
      where: { kind, ip: ipOf(ip), succeeded: false, createdAt: { gte: since } },
      orderBy: { createdAt: 'desc' },
      take: policy.maxFailuresPerIp,
      select: { createdAt: true },
    }),
  ])
  // Locked until the oldest of the last N failures leaves the window.
  const lockedUntil = (failures: { createdAt: Date }[], max: number) =>
    failures.length >= max ? (failures.at(-1)?.createdAt.getTime() ?? 0) + policy.lockoutWindowMs : 0
  const until = Math.max(
    lockedUntil(bySubject, policy.maxFailuresPerSubject),
    lockedUntil(byIp, policy.maxFailuresPerIp),
  )
  if (until <= Date.now()) return
  const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000))
  throw new AppError('LOCKED_OUT', {
    message: `尝试次数过多，请 ${minutes} 分钟后再试`,
    details: { retryAfterSeconds: Math.ceil((until - Date.now()) / 1000) },
  })
}

export const recordAuthAttempt = (prisma: Db, attempt: Attempt & { succeeded: boolean }) =>
  prisma.authAttempt.create({ data: { ...attempt, ip: ipOf(attempt.ip) } })

/**
 * Runs a proof (a login, a binding) under the lockout: refused while locked out, and the outcome
 * recorded. Only failures of the proof itself (`isProofFailure`) count against the subject.
 */
export const withLockout = async <T>(
  prisma: Db,
  policy: SecurityPolicy,
  attempt: Attempt,
  isProofFailure: (error: unknown) => boolean,
  prove: () => Promise<T>,
): Promise<T> => {
  await assertNotLockedOut(prisma, policy, attempt)
  try {
    const result = await prove()
    await recordAuthAttempt(prisma, { ...attempt, succeeded: true })
    return result
  } catch (error) {
    if (isProofFailure(error)) await recordAuthAttempt(prisma, { ...attempt, succeeded: false })
    throw error
  }
}
