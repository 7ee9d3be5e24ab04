// The real server as a separate process (`node --import tsx server/main.ts`), as production runs
// it: the reliability suites kill it with SIGKILL, stop it with SIGTERM, and talk to it over HTTP
// with the tRPC client the app uses. Also: where its embedded PostgreSQL listens, whether an
// external PostgreSQL answers, and a fresh database on one.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client'
import pg from 'pg'
import { wireFormat } from '../../common/wire-format'
import { applyMigrations } from '../../prisma/engine/migrate.mjs'
import { type ReferenceData, seedReferenceDataAtomically } from '../../prisma/seed/reference-data'
import { createPrismaClient } from '../../server/db/client'
import type { AppRouter } from '../../server/routers/app-router'

export const ROOT = path.resolve(import.meta.dirname, '../..')

/** The demo accounts' password in every server these suites start. */
export const RELIABILITY_PASSWORD = 'reliability-pass-2025'

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

export type ServerProcess = {
  /** e.g. http://127.0.0.1:41515 */
  url: string
  pid: number
  child: ChildProcess
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string
  exited: Promise<Exit>
  /** kill -9, then wait for the process to be gone. */
  kill: () => Promise<Exit>
  /** SIGTERM (a clean shutdown, the embedded PostgreSQL too), then wait for it to exit. */
  stop: () => Promise<Exit>
}

/**
 * What `npm start` gives the built server (package.json): its environment settings (before `node`)
 * and Node's flags, so that what is measured is what runs.
 */
const compiledServerLaunch = (root: string): { flags: string[]; env: Record<string, string> } => {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string }
  }
  const [, settings = '', flags = ''] =
    /((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)dist\/server\/main\.mjs/.exec(scripts.start) ?? []
  return {
    flags: flags.trim().split(/\s+/).filter(Boolean),
    env: Object.fromEntries(
      settings
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((setting) => setting.split('=', 2)),
    ),
  }
}

const lastLines = (text: string, count = 40) => text.split('\n').slice(-count).join('\n')

/**
 * Starts the server and resolves once it logs the URL it serves (PORT=0: any free port). Rejects
 * with the server's last output when it exits first or does not come up in time.
 */
export const startServerProcess = async (
  env: Record<string, string | undefined>,
  {
    readyTimeoutMs = 240_000,
    root = ROOT,
    isCompiled = false,
  }: {
    readyTimeoutMs?: number
    /** The checkout whose server runs (a benchmark's baseline); this one by default. */
    root?: string
    /** The build `npm start` runs (dist/server/main.mjs, which must be built) instead of the sources under tsx. */
    isCompiled?: boolean
  } = {},
): Promise<ServerProcess> => {
  const launch = isCompiled ? compiledServerLaunch(root) : { flags: [], env: {} }
  const args = isCompiled
    ? [...launch.flags, path.join(root, 'dist/server/main.mjs')]
    : ['--import', 'tsx', path.join(root, 'server/main.ts')]
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...launch.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      // No H5 build needed: the folder does not exist, so only the API is served.
      H5_DIST_DIR: path.join(ROOT, 'test-results', 'reliability', 'no-h5'),
      // Rate limits must not throttle the suites' loops (harmless where not implemented).
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      DATABASE_URL: '',
      FIELD_ENCRYPTION_KEY: '',
      SEED_DEMO_PASSWORD: RELIABILITY_PASSWORD,
      ...env,
    },
  })
  const chunks: string[] = []
  const output = () => chunks.join('')
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  let pending = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the server did not come up in ${readyTimeoutMs} ms; its output:\n${lastLines(output())}`))
    }, readyTimeoutMs)
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      chunks.push(text)
      pending += text
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.startsWith('{')) continue
        try {
          const entry = JSON.parse(line) as { url?: unknown; db?: unknown }
          if (typeof entry.url === 'string' && entry.db) {
            clearTimeout(timer)
            resolve(entry.url)
          }
        } catch {
          // not a log line
        }
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')))
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${signal ?? code}) before serving; its output:\n${lastLines(output())}`))
    })
  })
  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  return {
    url,
    pid: child.pid as number,
    child,
    output,
    exited,
    kill: () => signalAndWait('SIGKILL'),
    stop: () => signalAndWait('SIGTERM'),
  }
}

// ─── Talking to it ──────────────────────────────────────────────────────────────────

/** `fetch`: what sends the requests (the global fetch by default). */
export const apiClient = (url: string, token?: string, { fetch }: { fetch?: typeof globalThis.fetch } = {}) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: wireFormat,
        methodOverride: 'POST',
        ...(fetch ? { fetch } : {}),
        // As the app's client (src/lib/trpc.ts): under the server's batch cap.
        maxItems: 10,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  })

export type ApiClient = ReturnType<typeof apiClient>

/** Logs in by phone and password; returns a client that sends the session's bearer token. */
export const loginAs = async (url: string, phone: string, password = RELIABILITY_PASSWORD): Promise<ApiClient> => {
  const { token } = await apiClient(url).auth.loginWithPassword.mutate({ phone, password })
  return apiClient(url, token)
}

/** What a failed call looked like to the client. */
export type CallFailure = {
  /** tRPC code, or NETWORK when no tRPC answer came back (connection refused or reset). */
  code: string
  appCode: string | null
  httpStatus: number | null
  message: string
  /** The whole error as sent (message, code, data), for leak checks. */
  wire: string
}

export const failureOf = (error: unknown): CallFailure => {
  if (error instanceof TRPCClientError && error.shape) {
    const data = (error.data ?? {}) as { code?: string; appCode?: string; httpStatus?: number }
    return {
      code: data.code ?? 'UNKNOWN',
      appCode: data.appCode ?? null,
      httpStatus: data.httpStatus ?? null,
      message: error.message,
      wire: JSON.stringify(error.shape),
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'NETWORK', appCode: null, httpStatus: null, message, wire: message }
}

// ─── The embedded PostgreSQL a server started ───────────────────────────────────────

/** The connection string of the embedded PostgreSQL running on DATA_DIR (port from postmaster.pid). */
export const embeddedDatabaseUrl = (dataDir: string, database = 'pdrl'): string => {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim()
  const lines = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')
  const port = Number(lines[3])
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no port in ${dataDir}/postgres/postmaster.pid`)
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
}

/** The postmaster's pid, while a postmaster.pid file exists. */
const postmasterPid = (dataDir: string): number | null => {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid')
  if (!existsSync(file)) return null
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

/** Running, and not a zombie. */
const isAlive = (pid: number): boolean => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]
    return state !== undefined && state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/** The pid of the postmaster holding the data folder while it runs; null once none does. */
export const runningPostmaster = (dataDir: string): number | null => {
  const pid = postmasterPid(dataDir)
  return pid !== null && isAlive(pid) ? pid : null
}

/** For clean-ups: stops the server (if still running) and any postgres it left behind in dataDir. */
export const stopLeftovers = async (server: ServerProcess | undefined, dataDir?: string) => {
  await server?.stop()
  const pid = dataDir ? postmasterPid(dataDir) : null
  if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT')
}

// ─── An external PostgreSQL ─────────────────────────────────────────────────────────

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Runs fn on one connection, and always closes it. */
export const withClient = async <T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * The external PostgreSQL to run against: the test run's own when it is external
 * (TEST_DATABASE_URL), else the machine's at 127.0.0.1:5432 when it answers. null otherwise.
 */
export const findExternalPostgres = async (run: {
  adminDatabaseUrl: string
  databaseKind: 'embedded' | 'external'
}): Promise<string | null> => {
  const candidate =
    run.databaseKind === 'external'
      ? run.adminDatabaseUrl
      : (process.env.RELIABILITY_EXTERNAL_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test')
  try {
    await withClient(candidate, (c) => c.query('SELECT 1'))
    return candidate
  } catch {
    return null
  }
}

/** A fresh, empty database on the external server; drop() removes it. */
export const createExternalDatabase = async (adminUrl: string, prefix: string) => {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  }
}

/** Migrates the database the way the server does, and writes the orgs, villages and demo accounts. */
export const migrateAndSeedAccounts = async (url: string): Promise<ReferenceData> => {
  await applyMigrations({ url })
  const prisma = createPrismaClient({ url, poolSize: 2 })
  try {
    return await seedReferenceDataAtomically(prisma, { password: RELIABILITY_PASSWORD })
  } finally {
    await prisma.$disconnect()
  }
}

/** 32 random bytes, base64: a FIELD_ENCRYPTION_KEY. */
export const newFieldKey = () => randomBytes(32).toString('base64')

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed with the same seed. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const median = (values: number[]): number => {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2)
}
