// Where the data lives: an external PostgreSQL when DATABASE_URL is set, otherwise the embedded
// one under DATA_DIR. Either way the rest of the server sees one connection string.
import pg from 'pg'
import type { Env } from '../env'
import { hasEmbeddedCluster, startEmbeddedPostgres } from './embedded-postgres'
import { DatabaseNotReadyError, requireMigrated } from './readiness'

export type DatabaseKind = 'embedded' | 'external'

export type DatabaseHandle = {
  url: string
  kind: DatabaseKind
  stop: () => Promise<void>
}

const EMBEDDED_DATABASE = 'pdrl'

/** Creates the database on a cluster if it is missing (CREATE DATABASE has no IF NOT EXISTS). */
export const ensureDatabase = async (adminUrl: string, name: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount) return false
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
    return true
  } finally {
    await client.end()
  }
}

export const openDatabase = async (
  env: Pick<Env, 'DATABASE_URL' | 'dataDir'>,
  log: (line: string) => void,
): Promise<DatabaseHandle> => {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, kind: 'external', stop: async () => {} }
  const embedded = await startEmbeddedPostgres({ dataDir: env.dataDir, log })
  try {
    await ensureDatabase(embedded.url(), EMBEDDED_DATABASE)
  } catch (error) {
    await embedded.stop()
    throw error
  }
  return { url: embedded.url(EMBEDDED_DATABASE), kind: 'embedded', stop: embedded.stop }
}

/**
 * For operations commands: the database as it is, made by nothing. When there is none yet, or it
 * lacks this version's migrations, throws DatabaseNotReadyError, having created no folder, cluster,
 * database or table.
 */
export const openExistingDatabase = async (
  env: Pick<Env, 'DATABASE_URL' | 'dataDir'>,
  log: (line: string) => void,
): Promise<DatabaseHandle> => {
  if (env.DATABASE_URL) {
    await requireMigrated(env.DATABASE_URL, { place: { kind: 'external', url: env.DATABASE_URL } })
    return { url: env.DATABASE_URL, kind: 'external', stop: async () => {} }
  }
  if (!hasEmbeddedCluster(env.dataDir)) throw new DatabaseNotReadyError(noEmbeddedCluster(env.dataDir))
  const embedded = await startEmbeddedPostgres({ dataDir: env.dataDir, log })
  try {
    await requireMigrated(embedded.url(EMBEDDED_DATABASE), { place: { kind: 'embedded', dataDir: env.dataDir } })
  } catch (error) {
    await embedded.stop()
    throw error
  }
  return { url: embedded.url(EMBEDDED_DATABASE), kind: 'embedded', stop: embedded.stop }
}

/** DATA_DIR holds no cluster: a fresh clone, or DATA_DIR pointing elsewhere. */
export const noEmbeddedCluster = (dataDir: string) =>
  `No database in ${dataDir} yet: run \`npm start\` once to create it, or set DATA_DIR (or DATABASE_URL) to the ledger's.`
