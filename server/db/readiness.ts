// Whether a database is ready for this version of the ledger: it exists and has every migration of
// prisma/migrations applied. Read from Prisma's own `_prisma_migrations` table with one plain
// connection, so that asking changes nothing (no database, table or folder is made).
import { readdir } from 'node:fs/promises'
import pg from 'pg'
import { MIGRATIONS_DIR } from '../../prisma/engine/migrations-dir.mjs'

type MigrationState =
  | { kind: 'empty' }
  | { kind: 'failed'; migration: string }
  | { kind: 'pending'; pending: string[] }
  | { kind: 'current' }

/** Where a command looked, to name it in a message (never with the connection's password). */
export type DatabasePlace = { kind: 'embedded'; dataDir: string } | { kind: 'external'; url: string }

/** What is missing and what to run, in one line: operations commands print it and exit. */
export class DatabaseNotReadyError extends Error {
  override name = 'DatabaseNotReadyError'
}

export const MIGRATE_DEPLOY = '`npm run prisma -- migrate deploy`'

const hostOf = (url: string) => {
  const u = new URL(url)
  return `${u.hostname}:${u.port || 5432}`
}

const databaseNameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'

const describe = (place: DatabasePlace) =>
  place.kind === 'embedded'
    ? `the embedded database in ${place.dataDir}`
    : `the database ${databaseNameOf(place.url)} on ${hostOf(place.url)}`

const localMigrations = async (migrationsDir: string) =>
  (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()

/**
 * As `prisma migrate status` counts them: a row with `finished_at` is applied, one with neither
 * `finished_at` nor `rolled_back_at` failed (and blocks every later migration), and one marked
 * rolled back (`migrate resolve --rolled-back`) is to be applied again. Migrations the database
 * has and this version lacks (a newer release's) do not count: an older instance runs on them.
 */
const readMigrationState = async (client: pg.Client, migrationsDir = MIGRATIONS_DIR): Promise<MigrationState> => {
  const { rows: tables } = await client.query<{ present: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  )
  if (!tables[0]?.present) return { kind: 'empty' }
  const { rows } = await client.query<{ name: string; isFinished: boolean; isRolledBack: boolean }>(
    `SELECT migration_name AS name, finished_at IS NOT NULL AS "isFinished", rolled_back_at IS NOT NULL AS "isRolledBack"
       FROM _prisma_migrations ORDER BY started_at`,
  )
  const applied = new Set(rows.filter((r) => r.isFinished && !r.isRolledBack).map((r) => r.name))
  const failed = rows.find((r) => !r.isFinished && !r.isRolledBack && !applied.has(r.name))
  if (failed) return { kind: 'failed', migration: failed.name }
  if (!applied.size) return { kind: 'empty' }
  const pending = (await localMigrations(migrationsDir)).filter((name) => !applied.has(name))
  return pending.length ? { kind: 'pending', pending } : { kind: 'current' }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const listed = (names: string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`

export type ReadinessOptions = {
  place: DatabasePlace
  /**
   * What makes an empty (or missing) database ready. Default: the first `npm start` for the
   * embedded database (it migrates and seeds), `migrate deploy` for DATABASE_URL.
   */
  setUp?: string
  /** Starts the message, e.g. "MIGRATE_ON_START=false, and". */
  lead?: string
  /** A backup may read a database an upgrade has not migrated yet: only an empty one is refused. */
  isPendingAllowed?: boolean
  migrationsDir?: string
}

const setUpOf = (place: DatabasePlace) =>
  place.kind === 'embedded' ? 'run `npm start` once to create them' : `run ${MIGRATE_DEPLOY} first`

/** The problem and its remedy, as one line. */
const problem = (
  { place, setUp = setUpOf(place), lead }: ReadinessOptions,
  state: Exclude<MigrationState, { kind: 'current' }>,
) => {
  const where = describe(place)
  const text = (() => {
    switch (state.kind) {
      case 'empty':
        return `${where} has no tables yet (no migration applied): ${setUp}`
      case 'pending': {
        const { length } = state.pending
        return `${where} lacks ${length} migration${length === 1 ? '' : 's'} of this version (${listed(state.pending)}): run ${MIGRATE_DEPLOY} first`
      }
      case 'failed':
        return `migration ${state.migration} failed on ${where}: fix it, mark it with \`npm run prisma -- migrate resolve\`, then run ${MIGRATE_DEPLOY} (docs/deployment.md)`
    }
  })()
  return lead ? `${lead} ${text}.` : `${capitalise(text)}.`
}

/** A connection that fails says why in one line: no such database, or no server to reach. */
const connectionProblem = (options: ReadinessOptions, url: string, error: unknown) => {
  if ((error as { code?: string }).code === '3D000') {
    // The embedded cluster's database is made by the first start, with the migrations.
    if (options.place.kind === 'embedded') return problem(options, { kind: 'empty' })
    return `${capitalise(describe(options.place))} does not exist: create it, then ${options.setUp ?? setUpOf(options.place)}.`
  }
  const reason = error instanceof Error ? error.message : String(error)
  const source = options.place.kind === 'external' ? 'DATABASE_URL' : 'the embedded database'
  return `Cannot connect to PostgreSQL at ${hostOf(url)} (${source}): ${reason}.`
}

const connect = async (url: string, options: ReadinessOptions) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  // A connection lost later surfaces through the query that needed it.
  client.on('error', () => {})
  try {
    await client.connect()
    return client
  } catch (error) {
    throw new DatabaseNotReadyError(connectionProblem(options, url, error))
  }
}

/** Throws DatabaseNotReadyError unless the database at `url` exists and answers. */
export const requireDatabase = async (url: string, options: ReadinessOptions): Promise<void> => {
  const client = await connect(url, options)
  await client.end().catch(() => {})
}

/**
 * Throws DatabaseNotReadyError unless the database at `url` exists and has this version's
 * migrations (or, with isPendingAllowed, any). Changes nothing.
 */
export const requireMigrated = async (url: string, options: ReadinessOptions): Promise<void> => {
  const client = await connect(url, options)
  try {
    const state = await readMigrationState(client, options.migrationsDir)
    if (state.kind === 'current' || (options.isPendingAllowed && state.kind !== 'empty')) return
    throw new DatabaseNotReadyError(problem(options, state))
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Whether the server must run the migrations before it serves: false only when the database
 * answers and has every migration of this version. Anything else (no database yet, no table,
 * pending or failed migrations, no answer) is for applyMigrations to do or to report.
 */
export const hasMigrationsToApply = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await readMigrationState(client)).kind !== 'current'
  } catch {
    return true
  } finally {
    await client.end().catch(() => {})
  }
}
