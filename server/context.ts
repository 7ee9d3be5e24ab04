// The request context, in two layers (as in trpc's next-prisma-starter):
//  - createContextInner: everything a procedure needs, built from plain values. Tests use it.
//  - createContext: reads the HTTP request (bearer token, ip, user agent, request id).
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Db, Tx } from './db/client'
import type { DatabaseKind } from './db/database'
import { AppError } from './errors'
import { noteRequestUser } from './http/request-user'
import type { JobQueue } from './jobs/job-runner'
import type { FieldCrypto } from './lib/field-crypto'
import type { Logger } from './lib/logger'
import type { WindowCounter } from './lib/window-counter'
import type { SecurityPolicy } from './security-policy'
import { type Actor, loadActor } from './services/auth/actor'
import type { ActorCache } from './services/auth/actor-cache'
import type { UserProfile } from './services/auth/describe-user'
import { findLiveSession } from './services/auth/sessions'
import type { WeChatConfig } from './services/auth/wechat-client'
import type { RetryKey } from './services/idempotency'
import type { NoticeTemplates } from './services/notices/templates'
import type { PhotoStorage } from './services/photos/storage'
import type { TodoSettings } from './services/todos/todo-settings'

/** Long-lived parts, made once at start-up. */
export type AppDeps = {
  /** The pool-backed client. Only the transaction middleware and session lookup use it directly. */
  prisma: Db
  /**
   * The read replica's client (DATABASE_REPLICA_URL), for the heavy read-only reports; unset: they
   * read the primary. Never written to. See docs/scaling.md.
   */
  replica?: Db | undefined
  crypto: FieldCrypto
  wechat: WeChatConfig | null
  sessionTtlMs: number
  security: SecurityPolicy
  /** API calls per signed-in user in the current minute (security.requestsPerMinute). */
  callsPerUser: WindowCounter
  databaseKind: DatabaseKind
  log: Logger
  /**
   * Where photo files are kept, and the largest upload (docs/photos.md). Unset (tools, most
   * tests): the photo routes answer 503, and photo.remove deletes the row but leaves the file.
   */
  photos?: { storage: PhotoStorage; maxBytes: number } | undefined
  /**
   * The people loaded by earlier requests, reused while the authorisation epoch stands still
   * (services/auth/actor-cache.ts). Unset (tests, tools): every request loads its actor.
   */
  actors?: ActorCache | undefined
  /**
   * The origin people open the server at, for the links handed out (invitations): PUBLIC_BASE_URL,
   * else http://HOST:PORT (env.ts's publicBaseUrlOf). Unset (tools, tests): the default address.
   */
  publicBaseUrl?: string | undefined
  /**
   * The scheduled jobs' queue (server/jobs/), set once the server listens. Unset (tools, tests'
   * worlds): backup.run answers that this process runs no job queue.
   */
  jobs?: JobQueue | undefined
  /**
   * The subscribe-message templates configured (WECHAT_TEMPLATE_*): which events queue a WeChat
   * message, and how. Unset (tools, most tests): none does.
   */
  notices?: NoticeTemplates | undefined
  /** The 待办 list's visit cadences (TODO_VISIT_DAYS_*); unset (tools, tests): the defaults. */
  todos?: TodoSettings | undefined
}

export type Context = AppDeps & {
  /** What procedures and services use: the client for queries, the open transaction in mutations. */
  db: Tx
  /**
   * Where the heavy read-only reports read (services/service-context.ts, onReadReplica): the
   * replica when one is configured, else the primary; in mutations, the open transaction.
   */
  readDb: Tx
  /**
   * In a mutation that writes in one statement (`meta.writesInOneStatement`), the call's retry key
   * for that statement to store (services/idempotency.ts); otherwise null.
   */
  retryKey: RetryKey | null
  actor: Actor | null
  /** The authorisation epoch the actor was read at (with the session), for the actor cache. */
  authzEpoch: bigint | null
  /** The signed-in person's profile as auth.me last answered it, while it still holds. */
  profile: UserProfile | null
  sessionId: string | null
  /** Why a bearer token that was sent gives no actor: expired, revoked or unknown, or the account is disabled. */
  sessionProblem: 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED' | null
  requestId: string
  clientIp: string | null
  userAgent: string | null
  /**
   * What went wrong while reading the request (the session lookup), raised by the first
   * middleware: so that the answer still carries this request's id, and a lost database still
   * reads as a retryable 503.
   */
  failure: unknown
}

/** What createContext reads from the request, for createContextInner. */
type RequestFacts = Partial<
  Pick<
    Context,
    | 'actor'
    | 'authzEpoch'
    | 'profile'
    | 'sessionId'
    | 'sessionProblem'
    | 'requestId'
    | 'clientIp'
    | 'userAgent'
    | 'failure'
  >
>

/** Every key of T present, those that are optional too (then possibly undefined). */
type EveryKey<T> = { [K in keyof Required<T>]: T[K] }

/**
 * The context's keys are written out, AppDeps's included, rather than spread from `deps`: on
 * Node 20 an object made as `{ ...deps, more }` gets a hidden class (map) of its own each time,
 * which costs microseconds to make and leaves every later read of the object megamorphic
 * (docs/benchmarks.md, Capacity). The type makes a key added to AppDeps fail to compile here.
 */
export const createContextInner = (deps: AppDeps, options: RequestFacts = {}): Context => {
  const context: EveryKey<Context> = {
    prisma: deps.prisma,
    replica: deps.replica,
    crypto: deps.crypto,
    wechat: deps.wechat,
    sessionTtlMs: deps.sessionTtlMs,
    security: deps.security,
    callsPerUser: deps.callsPerUser,
    databaseKind: deps.databaseKind,
    log: deps.log,
    photos: deps.photos,
    actors: deps.actors,
    publicBaseUrl: deps.publicBaseUrl,
    jobs: deps.jobs,
    notices: deps.notices,
    todos: deps.todos,
    db: deps.prisma,
    readDb: deps.replica ?? deps.prisma,
    retryKey: null,
    actor: options.actor ?? null,
    authzEpoch: options.authzEpoch ?? null,
    profile: options.profile ?? null,
    sessionId: options.sessionId ?? null,
    sessionProblem: options.sessionProblem ?? null,
    requestId: options.requestId ?? randomUUID(),
    clientIp: options.clientIp ?? null,
    userAgent: options.userAgent ?? null,
    failure: options.failure ?? null,
  }
  return context
}

const bearerToken = (req: FastifyRequest): string | null => {
  const header = req.headers.authorization
  if (!header?.startsWith('Bearer ')) return null
  const token = header.slice('Bearer '.length).trim()
  return token || null
}

export const createContext = async (deps: AppDeps, req: FastifyRequest): Promise<Context> => {
  try {
    return await contextOf(deps, req)
  } catch (failure) {
    return createContextInner(deps, requestFacts(req, { failure }))
  }
}

/** What the request tells of itself, with what was found of its session (`found`). */
const requestFacts = (
  req: FastifyRequest,
  found: Omit<RequestFacts, 'requestId' | 'clientIp' | 'userAgent'> = {},
): RequestFacts => ({
  requestId: String(req.id),
  clientIp: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
  actor: found.actor,
  authzEpoch: found.authzEpoch,
  profile: found.profile,
  sessionId: found.sessionId,
  sessionProblem: found.sessionProblem,
  failure: found.failure,
})

const contextOf = async (deps: AppDeps, req: FastifyRequest): Promise<Context> => {
  const token = bearerToken(req)
  if (!token) return createContextInner(deps, requestFacts(req))
  const session = await findLiveSession(deps.prisma, token)
  if (!session) return createContextInner(deps, requestFacts(req, { sessionProblem: 'SESSION_EXPIRED' }))
  noteRequestUser(req, session.userId)
  const signedIn = (actor: Actor, profile: UserProfile | null) =>
    requestFacts(req, { sessionId: session.id, authzEpoch: session.epoch, actor, profile })
  const cached = deps.actors?.get(session.userId, session.epoch)
  if (cached) return createContextInner(deps, signedIn(cached.actor, cached.profile))
  try {
    const actor = await loadActor(deps.prisma, session.userId)
    deps.actors?.set(session.userId, session.epoch, actor)
    return createContextInner(deps, signedIn(actor, null))
  } catch (error) {
    // A disabled or deleted account: the session is no use, and the person is told why.
    if (!(error instanceof AppError)) throw error
    const sessionProblem = error.code === 'ACCOUNT_DISABLED' ? 'ACCOUNT_DISABLED' : 'SESSION_EXPIRED'
    return createContextInner(deps, requestFacts(req, { sessionProblem }))
  }
}
