// @ts-check
// `prisma migrate deploy` without the CLI: the server applies pending migrations at start-up
// with the same Wasm engine the CLI's stand-in uses, and the same advisory lock, so several
// instances starting at once apply each migration exactly once.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { openSchemaEngine } from './wasm-engine.mjs'

export const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations')

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
 * Applies every pending migration. Throws (and records nothing as applied) if a script fails.
 * @param {{ url: string, migrationsDir?: string }} options
 * @returns {Promise<string[]>} the names of the migrations applied now
 */
export const applyMigrations = async ({ url, migrationsDir = MIGRATIONS_DIR }) => {
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
}
