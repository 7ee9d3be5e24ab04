// Lockouts against guessing: a password for a phone, or a household's name and ID number when a
// WeChat user binds to it. Failures are counted per subject (the phone; the account binding) and
// per IP over a sliding window, in the database, so that they hold across instances and restarts.
// A success clears the subject's count; the rows stay, as a record of who tried what from where.
//
// A procedure that proves something declares it in its meta (`proof`, one of PROOFS below), and
// the transaction middleware claims the attempt before the procedure's transaction opens
// (server/services/idempotency.ts). The claim is a short transaction of its own, serialised per
// subject and per IP by advisory locks: it checks the lockout and writes the attempt as a failure.
// So parallel guesses cannot all pass the check before any is counted, the failure survives the
// rollback of the failed call, and no call holds one connection while it waits for another.
// When the call ends, the attempt is settled: a success marks it, a failed proof leaves it, and
// anything else (a lost database, a validation error) takes it back.
//
// In-flight attempts count as failures until they end: more simultaneous attempts on one subject
// than the limit are refused, even with the right password.
import { ZMobilePhone } from '../../../common/contracts/fields'
import type { Context } from '../../context'
import type { Db, Tx } from '../../db/client'
import { AppError, type AppErrorCode } from '../../errors'
import type { AuthAttemptKind, Prisma } from '../../generated/prisma/client'
import type { SecurityPolicy } from '../../security-policy'

type Attempt = { kind: AuthAttemptKind; subject: string; ip: string | null }

/** What a procedure proves, and who the attempt counts against. */
export type ProofSpec = {
  kind: AuthAttemptKind
  /** The error that means "the proof was wrong": only it counts against the subject. */
  failure: AppErrorCode
  /** The subject, from the caller and the raw (not yet validated) input; null: nothing to count. */
  subject: (ctx: Pick<Context, 'prisma' | 'actor'>, rawInput: unknown) => Promise<string | null>
}

/** The login's phone, if the raw input has a valid one (otherwise validation refuses the call). */
const phoneOf = (rawInput: unknown): string | null => {
  const parsed = ZMobilePhone.safeParse((rawInput as Record<string, unknown> | null)?.phone)
  return parsed.success ? parsed.data : null
}

export const PROOFS = {
  /** A phone and its password. */
  passwordLogin: {
    kind: 'PASSWORD_LOGIN',
    failure: 'INVALID_CREDENTIALS',
    subject: async (_ctx, rawInput) => phoneOf(rawInput),
  },
  /** The current password, when changing it: counted with the phone's logins. */
  currentPassword: {
    kind: 'PASSWORD_LOGIN',
    failure: 'WRONG_PASSWORD',
    subject: async ({ prisma, actor }) => {
      if (!actor) return null
      const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { phone: true } })
      return user?.phone ?? null
    },
  },
  /** A household's 户主 name and ID number, to bind a WeChat account to it: counted per account. */
  householdBinding: {
    kind: 'HOUSEHOLD_BIND',
    failure: 'RESIDENT_BIND_NO_MATCH',
    subject: async ({ actor }) => actor?.userId ?? null,
  },
} as const satisfies Record<string, ProofSpec>

const ipOf = (ip: string | null) => ip ?? 'unknown'

/** Throws LOCKED_OUT, with the wait in minutes, when the subject or the IP has failed too often. */
const assertNotLockedOut = async (db: Tx, policy: SecurityPolicy, { kind, subject, ip }: Attempt) => {
  const since = new Date(Date.now() - policy.lockoutWindowMs)
  const lastSuccess = await db.authAttempt.findFirst({
    where: { kind, subject, succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  const subjectSince = lastSuccess?.createdAt ?? since
  // Locked until the N-th most recent failure (N the limit) leaves the window: only that one row
  // is read, however many failures there are. (One after the other: this runs inside the claim's
  // transaction, on one connection.)
  const nthFailure = (where: Prisma.AuthAttemptWhereInput, max: number) =>
    db.authAttempt.findFirst({
      where: { ...where, succeeded: false },
      orderBy: { createdAt: 'desc' },
      skip: max - 1,
      select: { createdAt: true },
    })
  const bySubject = await nthFailure({ kind, subject, createdAt: { gt: subjectSince } }, policy.maxFailuresPerSubject)
  const byIp = await nthFailure({ kind, ip: ipOf(ip), createdAt: { gte: since } }, policy.maxFailuresPerIp)
  const lockedUntil = (nth: { createdAt: Date } | null) => (nth ? nth.createdAt.getTime() + policy.lockoutWindowMs : 0)
  const until = Math.max(lockedUntil(bySubject), lockedUntil(byIp))
  if (until <= Date.now()) return
  const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000))
  throw new AppError('LOCKED_OUT', {
    message: `尝试次数过多，请 ${minutes} 分钟后再试`,
    details: { retryAfterSeconds: Math.ceil((until - Date.now()) / 1000) },
  })
}

/** Checks the lockout and writes the attempt as a failure, atomically per subject and per IP. */
const claimAttempt = (prisma: Db, policy: SecurityPolicy, attempt: Attempt) =>
  prisma.$transaction(
    async (tx) => {
      // Subject first, then IP, in every claim: no two claims wait on each other in a cycle.
      for (const key of [`${attempt.kind}:s:${attempt.subject}`, `${attempt.kind}:ip:${ipOf(attempt.ip)}`]) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`
      }
      await assertNotLockedOut(tx, policy, attempt)
      const { id } = await tx.authAttempt.create({
        data: { ...attempt, ip: ipOf(attempt.ip), succeeded: false },
        select: { id: true },
      })
      return id
      // A burst on one phone or IP queues on the advisory lock: give it longer than the defaults.
    },
    { timeout: 15_000 },
  )

type ProofOutcome = 'succeeded' | 'failed' | 'void'

/** A failed call's outcome: a wrong proof counts; any other error takes the attempt back. */
const outcomeOf = (spec: ProofSpec, error: unknown): ProofOutcome => {
  const cause = error instanceof AppError ? error : (error as { cause?: unknown } | null)?.cause
  return cause instanceof AppError && cause.code === spec.failure ? 'failed' : 'void'
}

/**
 * Runs a call that proves `spec` under the lockout: claims its attempt (LOCKED_OUT while locked
 * out), runs it, and settles the attempt by how it ended. `execute` resolves to a tRPC middleware
 * result, which carries a failure as `{ ok: false, error }` rather than throwing it.
 */
export const underProof = async <R extends { ok: boolean }>(
  ctx: Pick<Context, 'prisma' | 'actor' | 'security' | 'clientIp'>,
  spec: ProofSpec,
  rawInput: unknown,
  execute: () => Promise<R>,
): Promise<R> => {
  const subject = await spec.subject(ctx, rawInput)
  if (!subject) return execute()
  const id = await claimAttempt(ctx.prisma, ctx.security, { kind: spec.kind, subject, ip: ctx.clientIp })
  const settle = async (outcome: ProofOutcome) => {
    // A settlement that fails (the database just went away) leaves the attempt counted: the safe side.
    if (outcome === 'succeeded')
      await ctx.prisma.authAttempt.update({ where: { id }, data: { succeeded: true } }).catch(() => {})
    if (outcome === 'void') await ctx.prisma.authAttempt.deleteMany({ where: { id } }).catch(() => {})
  }
  let result: R
  try {
    result = await execute()
  } catch (error) {
    await settle(outcomeOf(spec, error))
    throw error
  }
  await settle(result.ok ? 'succeeded' : outcomeOf(spec, (result as { error?: unknown }).error))
  return result
}
