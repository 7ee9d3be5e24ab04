// Start-up, in order: env → database → migrations (or, with MIGRATE_ON_START=false, the check
// that none is pending) → key → client → seed → HTTP → scheduled jobs. Used by main.ts, and by
// tests and tools that need the real server. The scheduled jobs start once the server listens and
// it serves meanwhile: what sends a job waits for the queue (`jobsStarted`).
import type { FastifyInstance } from 'fastify'
import { seedDemo } from '../prisma/seed/seed-demo'
import type { AppDeps } from './context'
import { createPrismaClient } from './db/client'
import { type DatabaseHandle, openDatabase } from './db/database'
import { hasMigrationsToApply, MIGRATE_DEPLOY, requireMigrated } from './db/readiness'
import { type Env, publicBaseUrlOf } from './env'
import { buildServer } from './http/build-server'
import type { JobQueue, JobRunner } from './jobs/job-runner'
import { createFieldCrypto } from './lib/field-crypto'
import { loadFieldKeys } from './lib/field-key'
import { createLogger } from './lib/logger'
import { createWindowCounter } from './lib/window-counter'
import type { SecurityPolicy } from './security-policy'
import { createActorCache } from './services/auth/actor-cache'
import { photoStorageFromEnv } from './services/photos/storage'

export type RunningServer = {
  app: FastifyInstance
  deps: AppDeps
  /** e.g. http://127.0.0.1:3000 */
  url: string
  /** Settles once the scheduled jobs run; rejects when they could not start (the server should stop). */
  jobsStarted: Promise<void>
  stop: () => Promise<void>
}

/** What main.ts began before loading the rest of the server: its logger, and the database opening. */
export type EarlyStart = { logger: ReturnType<typeof createLogger>; database: Promise<DatabaseHandle> }

/** The queue as requests see it while it starts: each call waits for it. */
const queueOnceStarted = (runner: Promise<JobRunner>): JobQueue => ({
  send: async (queue, data) => (await runner).send(queue, data),
  nextRunAt: async (queue, after) => (await runner).nextRunAt(queue, after),
})

export const startServer = async (env: Env, early?: EarlyStart): Promise<RunningServer> => {
  const logger = early?.logger ?? createLogger(env.LOG_LEVEL)
  const database = await (early?.database ?? openDatabase(env, (line) => logger.info(line)))
  const cleanups: (() => Promise<unknown>)[] = [database.stop]
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => logger.error({ err: error }, 'shutdown step failed'))
  }
  try {
    if (env.MIGRATE_ON_START) {
      // The schema engine (WebAssembly, tens of MB) is loaded only when there is something to apply.
      const applied = (await hasMigrationsToApply(database.url))
        ? await (await import('../prisma/engine/migrate.mjs')).applyMigrations({ url: database.url })
        : []
      if (applied.length) logger.info({ migrations: applied }, 'applied database migrations')
    } else {
      await requireMigrated(database.url, {
        place:
          database.kind === 'external'
            ? { kind: 'external', url: database.url }
            : { kind: 'embedded', dataDir: env.dataDir },
        setUp: `run ${MIGRATE_DEPLOY} first`,
        lead: 'MIGRATE_ON_START=false, and',
      })
    }
    const keys = await loadFieldKeys(env, logger)
    const crypto = createFieldCrypto(keys.current, keys.previous)
    const prisma = createPrismaClient({ url: database.url, poolSize: env.DATABASE_POOL_SIZE })
    cleanups.push(() => prisma.$disconnect())
    // The heavy read-only reports' own pool, on the read replica (docs/scaling.md). Connected on
    // first use: a replica that is down fails those reports, not the start.
    const replica = env.DATABASE_REPLICA_URL
      ? createPrismaClient({ url: env.DATABASE_REPLICA_URL, poolSize: env.DATABASE_POOL_SIZE })
      : undefined
    if (replica) {
      cleanups.push(() => replica.$disconnect())
      logger.info({ replica: new URL(env.DATABASE_REPLICA_URL as string).host }, 'reports read from the read replica')
    }
    const security: SecurityPolicy = {
      requestsPerMinute: env.RATE_LIMIT_PER_MINUTE,
      requestsPerMinutePerIp: env.RATE_LIMIT_PER_IP_PER_MINUTE,
      maxFailuresPerSubject: env.LOGIN_MAX_FAILURES,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      lockoutWindowMs: env.LOGIN_LOCKOUT_MINUTES * 60_000,
      loginRequestsPerMinute: env.LOGIN_REQUESTS_PER_MINUTE,
      maxBatchSize: env.TRPC_MAX_BATCH,
    }
    const deps: AppDeps = {
      prisma,
      replica,
      crypto,
      wechat:
        env.WECHAT_APPID && env.WECHAT_SECRET
          ? { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE }
          : null,
      sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
      security,
      callsPerUser: createWindowCounter({ max: security.requestsPerMinute, windowMs: 60_000 }),
      actors: createActorCache(),
      databaseKind: database.kind,
      log: logger,
      photos: { storage: photoStorageFromEnv(env), maxBytes: env.PHOTO_MAX_BYTES },
      publicBaseUrl: publicBaseUrlOf(env),
      notices: env.noticeTemplates,
      todos: { visitDaysMonitored: env.TODO_VISIT_DAYS_MONITORED, visitDaysAlleviated: env.TODO_VISIT_DAYS_ALLEVIATED },
    }
    if (database.kind === 'embedded')
      await seedDemo({ deps, dataDir: env.dataDir, password: env.SEED_DEMO_PASSWORD, upTo: env.SEED_DEMO })
    const app = await buildServer({ deps, logger, h5DistDir: env.H5_DIST_DIR, trustProxy: env.TRUST_PROXY })
    cleanups.push(() => app.close())
    const address = await app.listen({ host: env.HOST, port: env.PORT })
    // PORT=0 picks a free port: links name the one picked.
    if (!env.PUBLIC_BASE_URL && env.PORT === 0)
      deps.publicBaseUrl = publicBaseUrlOf({ ...env, PORT: Number(new URL(address).port) })
    // Once serving; stopped first on shutdown (cleanups run in reverse), before the database.
    // The jobs' code (pg-boss and the jobs themselves) loads only now: the start does not wait for it.
    const jobs = import('./jobs/server-jobs').then(({ startServerJobs }) =>
      startServerJobs({ env, database, db: prisma, crypto, log: logger }),
    )
    cleanups.push(async () => (await jobs.catch(() => null))?.stop())
    // Requests made from now on see it (each context is made from deps when the request comes).
    deps.jobs = queueOnceStarted(jobs)
    const jobsStarted = jobs.then(() => undefined)
    // Handled here so that a caller that does not watch it (a test) is not ended by the rejection.
    jobsStarted.catch(() => {})
    return { app, deps, url: address, jobsStarted, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
