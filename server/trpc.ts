// The one tRPC instance, laid out like create-t3-app's server/api/trpc.ts:
//   1. initialisation, with the error formatter
//   2. middlewares: error mapping, authentication, roles, transactions with idempotency
//   3. the base procedures every router builds on
import '../common/zod-zh'
import { initTRPC, TRPCError } from '@trpc/server'
import type { Role } from '../common/enums'
import { wireFormat } from '../common/wire-format'
import type { Context } from './context'
import type { Tx } from './db/client'
import {
  APP_ERRORS,
  AppError,
  type FieldErrors,
  fieldError,
  fieldErrorsOf,
  GENERIC_MESSAGES,
  internalErrorMessage,
  type ValidationIssue,
} from './errors'
import { isDatabaseUnavailable, isUniqueViolation } from './lib/db-errors'
import { inputProblem } from './lib/input-hygiene'
import { type Actor, hasRole, STAFF_ROLES } from './services/auth/actor'
import { type ProofSpec, underProof } from './services/auth/auth-attempts'
import { type RetryKey, runIdempotent, type StepResult } from './services/idempotency'

// ─── 1. Initialisation ──────────────────────────────────────────────────────────────

const isValidationError = (cause: unknown): cause is Error & { issues: ValidationIssue[] } =>
  cause instanceof Error && Array.isArray((cause as { issues?: unknown }).issues)

const summarise = (messages: string[]): string => {
  const [first] = messages
  if (!first) return APP_ERRORS.VALIDATION_FAILED.message
  return messages.length > 1 ? `${first}（另有 ${messages.length - 1} 处需要修改）` : first
}

/** Per-procedure settings, read by the middlewares. */
export type ProcedureMeta = {
  /**
   * false: a retry with the same `clientMutationId` runs again instead of being answered from the
   * stored result. For reads that must be logged every time (revealing personal data).
   */
  replayable?: boolean
  /** What the procedure proves (a password, a household's identity), counted by the lockout. */
  proof?: ProofSpec
  /**
   * The mutation writes in one statement, which stores its retry key (`ctx.retryKey`, with
   * services/idempotency.ts's storeRetryKey): no transaction is opened around it.
   */
  writesInOneStatement?: true
  /**
   * Allowed while the person still has a one-time password to change (who they are, changing it,
   * signing out, the privacy notice); every other call is refused until they change it.
   */
  beforePasswordChange?: true
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: wireFormat,
    // Never ship stack traces, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId
      const cause = error.cause
      let message: string
      let appCode: string
      let zodError: { formErrors: string[]; fieldErrors: FieldErrors } | null = null
      let details: Record<string, unknown> | null = null
      if (error.code === 'BAD_REQUEST' && isValidationError(cause)) {
        zodError = fieldErrorsOf(cause.issues)
        message = summarise(cause.issues.map((i) => i.message))
        appCode = 'VALIDATION_FAILED'
      } else if (cause instanceof AppError) {
        message = cause.message
        appCode = cause.code
        if (cause.fieldErrors) zodError = { formErrors: [], fieldErrors: cause.fieldErrors }
        details = cause.details ?? null
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        message = internalErrorMessage(requestId)
        appCode = 'INTERNAL'
      } else {
        message = GENERIC_MESSAGES[error.code] ?? internalErrorMessage(requestId)
        appCode = error.code
      }
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode,
          requestId: requestId ?? null,
          zodError,
          details,
        },
      }
    },
  })

export const router = t.router
export const createCallerFactory = t.createCallerFactory
/**
 * What the instance was created with (transformer, error formatter), as tRPC's public helpers
 * `getTRPCErrorShape` and `transformTRPCResponse` take it: the HTTP route shapes its answers with
 * it (http/trpc-plain-calls.ts), as tRPC's own adapter does.
 */
export const rootConfig = t._config

// ─── 2. Middlewares ─────────────────────────────────────────────────────────────────

/**
 * Gives each AppError its tRPC code, turns a lost database into a retryable 503, and a unique
 * index's refusal (a race the services' own checks could not see) into a conflict.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (result.ok) return result
  const cause = result.error.cause
  if (cause instanceof AppError) {
    const code = APP_ERRORS[cause.code].trpc
    if (result.error.code !== code) throw new TRPCError({ code, message: cause.message, cause })
  } else if (isDatabaseUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', cause: new AppError('DATABASE_UNAVAILABLE') })
  } else if (isUniqueViolation(cause)) {
    throw new TRPCError({ code: 'CONFLICT', cause: new AppError('DUPLICATE_RECORD') })
  }
  return result
})

/**
 * Before anything else runs: a request whose context could not be read fails here, inside the
 * error path (server/context.ts); then input no form makes and the database cannot store is refused.
 */
const checkRequest = t.middleware(async ({ ctx, getRawInput, next }) => {
  if (ctx.failure) throw ctx.failure
  const problem = inputProblem(await getRawInput())
  if (problem)
    throw problem.path ? fieldError(problem.path, problem.message) : new AppError('VALIDATION_FAILED', problem)
  return next()
})

/**
 * The signed-in caller, within the per-user call limit (the HTTP layer limits per IP), and past
 * the change of a one-time password; throws otherwise.
 */
const allowedActor = (ctx: Context, meta: ProcedureMeta | undefined): Actor => {
  const { actor } = ctx
  if (!actor) throw new AppError(ctx.sessionProblem ?? 'UNAUTHENTICATED')
  if (actor.mustChangePassword && !meta?.beforePasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED')
  const { isAllowed, retryAfterSeconds } = ctx.callsPerUser.hit(actor.userId)
  if (!isAllowed) throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds } })
  return actor
}

/**
 * For `next({ ctx })` in a middleware that has checked the context it passes on: tRPC takes the
 * type of the context the procedure sees from it, and passes the context on as it is when it is
 * undefined. Any other value is merged into a copy of the whole context, key by key (about thirty
 * of them): some 15 µs a call on the capacity machine (docs/benchmarks.md, Capacity).
 */
const checked = <Narrowed>(): Narrowed | undefined => undefined

const requireActor = t.middleware(({ ctx, next, meta }) => {
  allowedActor(ctx, meta)
  return next({ ctx: checked<{ actor: Actor }>() })
})

type Step = { ctx: Context; type: string; path: string; getRawInput: () => Promise<unknown>; meta?: ProcedureMeta }

/**
 * Every mutation runs in one transaction, or writes in one statement (`meta.writesInOneStatement`):
 * nothing is half-written. When a signed-in user's input carries a `clientMutationId`, the key is
 * claimed in that same transaction or statement, so a replay (a retry after a lost response, or
 * the offline queue syncing twice) returns the first result instead of writing again. A procedure that proves something (`meta.proof`) has its attempt claimed under
 * the lockout before the transaction opens (services/auth/auth-attempts.ts).
 */
const inTransaction = async <R extends StepResult>(
  { ctx, path, getRawInput, meta }: Step,
  run: (db: Tx, retryKey: RetryKey | null) => Promise<R>,
): Promise<R> => {
  const rawInput = await getRawInput()
  const proof = meta?.proof
  return runIdempotent({
    prisma: ctx.prisma,
    crypto: ctx.crypto,
    userId: meta?.replayable === false ? null : (ctx.actor?.userId ?? null),
    procedure: path,
    rawInput,
    run,
    guard: proof && ((execute) => underProof(ctx, proof, rawInput, execute)),
    inOneStatement: meta?.writesInOneStatement === true,
  })
}

// Every read in a mutation sees its own transaction, or the primary, never the replica (docs/scaling.md).
const transactional = t.middleware(async (step) => {
  if (step.type !== 'mutation') return step.next()
  return inTransaction(step, (db, retryKey) => step.next({ ctx: { db, readDb: db, retryKey } }))
})

/**
 * requireActor, then one of `roles`, then transactional, as one middleware: each middleware a
 * call passes through costs tRPC a copy of its options (docs/benchmarks.md, Capacity). Roles are
 * checked before the transaction opens, so a refused call costs no database work.
 */
const signedInAs = (roles: readonly Role[]) =>
  t.middleware(async (step) => {
    const actor = allowedActor(step.ctx, step.meta)
    if (!hasRole(actor, ...roles)) throw new AppError('FORBIDDEN')
    if (step.type !== 'mutation') return step.next({ ctx: checked<{ actor: Actor }>() })
    return inTransaction(step, (db, retryKey) => step.next({ ctx: { actor, db, readDb: db, retryKey } }))
  })

// ─── 3. Procedures ──────────────────────────────────────────────────────────────────

const base = t.procedure.use(mapAppErrors).use(checkRequest)

/** Anyone, signed in or not (login). Mutations are transactional. */
export const publicProcedure = base.use(transactional)

const signedIn = base.use(requireActor)
const withRoles = (...roles: Role[]) => base.use(signedInAs(roles))

/** Signed in, with `ctx.actor` set; mutations are transactional and idempotent. */
export const authedProcedure = signedIn.use(transactional)

/** 党组织 staff: everyone but residents. */
export const staffProcedure = withRoles(...STAFF_ROLES)

/** 支部书记 (and admins): activities and donations. */
export const secretaryProcedure = withRoles('ADMIN', 'SECRETARY')

/** 驻村干部 (and admins): household records and the needs board. */
export const cadreProcedure = withRoles('ADMIN', 'CADRE')

export const adminProcedure = withRoles('ADMIN')

/**
 * A resident's own data (PIPL Art. 14): only after they have agreed to the privacy notice in
 * force. Staff handle households' data as their duty, not on consent.
 */
const requireConsent = t.middleware(({ ctx, next }) => {
  if (!ctx.actor?.hasAgreedToPrivacy) throw new AppError('PRIVACY_CONSENT_REQUIRED')
  return next()
})

/** A WeChat user who has agreed to the privacy notice (binding to a household). */
export const consentedProcedure = signedIn.use(requireConsent).use(transactional)

/** A resident bound to a household, who has agreed to the privacy notice; `ctx.householdId` is theirs. */
export const residentProcedure = signedIn
  .use(requireConsent)
  .use(({ ctx, next }) => {
    if (!ctx.actor.householdId) throw new AppError('RESIDENT_NOT_BOUND')
    return next({ ctx: { householdId: ctx.actor.householdId } })
  })
  .use(transactional)
