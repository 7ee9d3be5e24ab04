// Dashboard at scale: p95 of `stats.summary` (all time, top 10, as the 统计 page first asks) for an
// admin (the whole province), a secretary (one branch and the orgs below it) and a cadre (one
// village), called through createCaller as production does — zod, the scope middlewares, the
// stats service, Prisma on adapter-pg. The actors are real accounts of the generated world.
//
//   BENCH_DATABASE_URL  a database filled by `npm run gen` (e.g. province scale), with
//                       BENCH_FIELD_ENCRYPTION_KEY the key it was generated with. Unset: county
//                       scale is generated into a fresh embedded PostgreSQL (about a minute).
//   BENCH_ITERATIONS    timed calls per role (200; 30 with --quick), after BENCH_WARMUP (20; 5).
//
// One JSON line per role: median, p95, p99 in ms. Shared with bench/lists.ts.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pino from 'pino'
import { type Caller, callerFor } from '../server/caller'
import type { AppDeps } from '../server/context'
import { createPrismaClient, type Db } from '../server/db/client'
import { openDatabase } from '../server/db/database'
import { parseEnv } from '../server/env'
import { createFieldCrypto } from '../server/lib/field-crypto'
import { loadFieldKeys } from '../server/lib/field-key'
import { createLogger } from '../server/lib/logger'
import { createWindowCounter } from '../server/lib/window-counter'
import { DEFAULT_SECURITY_POLICY } from '../server/security-policy'
import { percentile } from './stats'

export const QUICK = process.argv.includes('--quick')
export const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? (QUICK ? 30 : 200))
export const WARMUP = Number(process.env.BENCH_WARMUP ?? (QUICK ? 5 : 20))

export type BenchWorld = {
  deps: AppDeps
  prisma: Db
  scale: string
  /** The database, and its field key (base64), for a server process of its own (bench/pickers.ts). */
  url: string
  fieldKey: string
  /** Ids of the accounts the callers act as, and the cadre's village. */
  picked: { adminId: string; secretaryId: string; secretaryOrg: string; cadreId: string; villageId: string }
  admin: Caller
  secretary: Caller
  cadre: Caller
  close: () => Promise<void>
}

/** The database to measure: BENCH_DATABASE_URL, or county scale generated into a fresh embedded one. */
const openBenchDatabase = async () => {
  const url = process.env.BENCH_DATABASE_URL
  if (url) {
    const key = process.env.BENCH_FIELD_ENCRYPTION_KEY ?? process.env.FIELD_ENCRYPTION_KEY
    const master = key ? Buffer.from(key, 'base64') : randomBytes(32)
    const crypto = createFieldCrypto(master)
    return {
      url,
      crypto,
      fieldKey: master.toString('base64'),
      scale: process.env.BENCH_SCALE ?? 'external',
      close: async () => {},
    }
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-scale-'))
  // The embedded database: no DATABASE_URL for the generator nor here.
  const genEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir }
  delete genEnv.DATABASE_URL
  delete genEnv.DATABASE_REPLICA_URL
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, '../scripts/gen/index.ts'), '--scale', 'county'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: genEnv },
  )
  if (gen.status !== 0) throw new Error(`npm run gen failed (exit ${gen.status ?? gen.signal})`)
  const env = parseEnv({ ...genEnv, LOG_LEVEL: 'warn' })
  const database = await openDatabase(env, () => {})
  const keys = await loadFieldKeys(env, createLogger('warn'))
  return {
    url: database.url,
    crypto: createFieldCrypto(keys.current, keys.previous),
    fieldKey: keys.current.toString('base64'),
    scale: 'county',
    close: async () => {
      await database.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export const openBenchWorld = async (): Promise<BenchWorld> => {
  const database = await openBenchDatabase()
  const prisma = createPrismaClient({ url: database.url, poolSize: 5 })
  const security = { ...DEFAULT_SECURITY_POLICY, requestsPerMinute: Number.MAX_SAFE_INTEGER }
  const deps: AppDeps = {
    prisma,
    crypto: database.crypto,
    wechat: null,
    sessionTtlMs: 3_600_000,
    security,
    callsPerUser: createWindowCounter({ max: security.requestsPerMinute, windowMs: 60_000 }),
    databaseKind: 'external',
    log: pino({ level: 'silent' }),
  }
  // An admin; the secretary of the branch pairing the most villages; a cadre (驻村, not also a
  // secretary) of the largest village.
  const [admin] = await prisma.$queryRaw<{ userId: string }[]>`
    SELECT m."userId" FROM "Membership" m WHERE m.role = 'ADMIN' ORDER BY m."userId" LIMIT 1`
  const [secretary] = await prisma.$queryRaw<{ userId: string; orgId: string }[]>`
    SELECT m."userId", m."orgId" FROM "Membership" m
    JOIN "OrgVillagePair" p ON p."orgId" = m."orgId"
    WHERE m.role = 'SECRETARY'
    GROUP BY m."userId", m."orgId" ORDER BY count(*) DESC, m."userId" LIMIT 1`
  const [cadre] = await prisma.$queryRaw<{ userId: string; villageId: string }[]>`
    SELECT c."userId", c."villageId" FROM "CadreVillage" c
    JOIN "Household" h ON h."villageId" = c."villageId"
    WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = c."userId" AND m.role IN ('ADMIN', 'SECRETARY'))
    GROUP BY c."userId", c."villageId" ORDER BY count(*) DESC, c."userId" LIMIT 1`
  if (!admin || !secretary || !cadre) throw new Error('the database has no generated admin, secretary or cadre')
  return {
    deps,
    prisma,
    scale: database.scale,
    url: database.url,
    fieldKey: database.fieldKey,
    picked: {
      adminId: admin.userId,
      secretaryId: secretary.userId,
      secretaryOrg: secretary.orgId,
      cadreId: cadre.userId,
      villageId: cadre.villageId,
    },
    admin: await callerFor(deps, admin.userId),
    secretary: await callerFor(deps, secretary.userId),
    cadre: await callerFor(deps, cadre.userId),
    close: async () => {
      await prisma.$disconnect()
      await database.close()
    },
  }
}

/** Warms up, then times ITERATIONS sequential calls; median/p95/p99 in ms. */
export const timeCalls = async (call: () => Promise<unknown>) => {
  for (let i = 0; i < WARMUP; i++) await call()
  const samples: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now()
    await call()
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    iterations: ITERATIONS,
    medianMs: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    p99Ms: round(percentile(samples, 99)),
  }
}

/** Times `call` (timeCalls) and prints its JSON line against a p95 goal. */
export const reportTimed = async (measure: string, scale: string, goalP95Ms: number, call: () => Promise<unknown>) => {
  const result = await timeCalls(call)
  console.log(JSON.stringify({ measure, scale, ...result, goalP95Ms, withinGoal: result.p95Ms <= goalP95Ms }))
}

const GOAL_MS = 50

const main = async () => {
  const world = await openBenchWorld()
  try {
    for (const role of ['admin', 'secretary', 'cadre'] as const) {
      const caller = world[role]
      await reportTimed(`dashboard.summary.${role}`, world.scale, GOAL_MS, () => caller.stats.summary({ top: 10 }))
    }
  } finally {
    await world.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
