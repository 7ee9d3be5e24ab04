// Where the data lives: an external PostgreSQL when DATABASE_URL is set, otherwise the embedded
// one under DATA_DIR. Either way the rest of the server sees one connection string.
import pg from 'pg'
import type { Env } from '../env'
import { startEmbeddedPostgres } from './embedded-postgres'

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
