// Databases a test makes for itself on the run's PostgreSQL, beside the migrated copies of
// test-database.ts: an empty one (as a DBA hands it over), or one an upgrade has not migrated yet.
// Named after the run's template, so the run's teardown drops any left behind.
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { applyMigrations, MIGRATIONS_DIR } from '../../prisma/engine/migrate.mjs'
import { adminDatabaseUrl, withDatabase } from './test-database'

export const queryRows = async <T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** A name for a database of this run that does not exist (yet). */
export const scratchDatabaseName = (what: string) =>
  `${inject('templateDatabase')}_${what}_${randomBytes(4).toString('hex')}`

/** Creates an empty database now and drops it after the file's tests. */
export const createEmptyDatabase = async (what = 'empty'): Promise<{ url: string; name: string }> => {
  const name = scratchDatabaseName(what)
  await queryRows(adminDatabaseUrl(), `CREATE DATABASE "${name}"`)
  afterAll(() => queryRows(adminDatabaseUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
  return { url: withDatabase(adminDatabaseUrl(), name), name }
}

export const databaseExists = async (name: string) =>
  (await queryRows(adminDatabaseUrl(), 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0

/** The tables in a database's public schema (Prisma's _prisma_migrations included). */
export const publicTables = async (url: string) =>
  (await queryRows<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map(
    (r) => r.tablename,
  )

/** Applies the committed migrations but the last `leaveOut`; returns the names left out. */
export const migrateAllBut = async (url: string, leaveOut: number): Promise<string[]> => {
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  const dir = await mkdtemp(path.join(tmpdir(), 'pdrl-migrations-'))
  try {
    await cp(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'))
    for (const name of names.slice(0, -leaveOut))
      await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true })
    await applyMigrations({ url, migrationsDir: dir })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return names.slice(-leaveOut)
}
