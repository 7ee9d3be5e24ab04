// @ts-check
// `prisma migrate deploy` without the CLI: the server applies pending migrations at start-up
// with the same Wasm engine the CLI's stand-in uses. Several instances may start at once; they
// take turns under an advisory lock of our own (see applyMigrations), so each migration is
// applied exactly once and the later instances find nothing left to do.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { MIGRATIONS_DIR } from './migrations-dir.mjs'
import { openSchemaEngine } from './wasm-engine.mjs'

export { MIGRATIONS_DIR }

/**
 * The migrations folder in the shape the engine takes (the CLI builds the same).
 * @param {string} baseDir
 * @returns {Promise<import('@prisma/schema-engine-wasm').MigrationList>}
 */
export const readMigrationsList = async (baseDir = MIGRATIONS_DIR) => {
  const lockfilePath = 'migration_lock.toml'
  const lockfileContent = await readFile(path.join(baseDir, lockfilePath), 'utf8').catch(() => null)
  const entries = await readdir(baseDir, { withFileTypes: true })
  const directories = entries.filter((e) => e.isDirectory()).map((e) => e.name)
  directories.sort()
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => {
      const content = await readFile(path.join(baseDir, name, 'migration.sql'), 'utf8')
        .then((value) => /** @type {const} */ ({ tag: 'ok', value }))
        .catch((error) => /** @type {const} */ ({ tag: 'error', value: String(error?.message ?? error) }))
      return { path: name, migrationFile: { path: 'migration.sql', content } }
    }),
  )
  return {
    baseDir,
    lockfile: { path: lockfilePath, content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories,
  }
}

/**
 * The key of our session-level advisory lock ("pdrl" in ASCII). Not the engine's own key
 * (72707369): the engine takes that one too, on a connection of its own, and would then wait on us.
 */
export const MIGRATION_LOCK_KEY = 0x7064726c

/**
 * Applies every pending migration. Throws (and records nothing as applied) if a script fails.
 *
 * The engine's own advisory lock gives up after 10 s, so an instance that starts while another is
 * still migrating (a slow migration, a busy managed database) would fail to start. Instead, every
 * caller first waits for our lock on a dedicated connection, as long as `lockTimeoutMs`, and holds
 * it until the engine is done; a crashed holder's lock goes with its connection.
 * @param {{ url: string, migrationsDir?: string, lockTimeoutMs?: number }} options
 * @returns {Promise<string[]>} the names of the migrations applied now
 */
export const applyMigrations = async ({ url, migrationsDir = MIGRATIONS_DIR, lockTimeoutMs = 15 * 60_000 }) => {
  const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true })
  // A lost connection surfaces through the queries below (or the engine's); it must not crash the process.
  lock.on('error', () => {})
  await lock.connect()
  try {
    // lock_timeout bounds the wait for an advisory lock too; the error then says what we waited for.
    await lock.query(`SET lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`)
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]).catch((/** @type {any} */ error) => {
      if (error?.code !== '55P03') throw error
      throw new Error(
        `Another instance has been applying migrations for more than ${Math.round(lockTimeoutMs / 1000)} s (advisory lock ${MIGRATION_LOCK_KEY} is still held); not starting.`,
        { cause: error },
      )
    })
    const { engine, close } = await openSchemaEngine({ datasource: { url } })
    try {
      const migrationsList = await readMigrationsList(migrationsDir)
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList,
        filters: { externalTables: [], externalEnums: [] },
      })
      return appliedMigrationNames
    } finally {
      await close()
    }
  } finally {
    // Ending the session releases the lock (also when the unlock itself could not be sent).
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
    await lock.end().catch(() => {})
  }
}
