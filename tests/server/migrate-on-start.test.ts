// MIGRATE_ON_START=false, for deployments that apply migrations as a step of their own: the
// server applies none, checks that none of this version's is pending, and refuses to start with
// one line naming the command to run if one is.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { applyMigrations } from '../../prisma/engine/migrate.mjs'
import { hasMigrationsToApply } from '../../server/db/readiness'
import { InvalidEnvError, parseEnv } from '../../server/env'
import { startServer } from '../../server/start'
import { createEmptyDatabase, migrateAllBut, publicTables, queryRows } from '../helpers/scratch-database'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PRISMA = path.join(ROOT, 'node_modules/prisma/build/index.js')

const serverEnv = (url: string, settings: Record<string, string> = {}) => ({
  DATABASE_URL: url,
  FIELD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  // No H5 build: only the API is served.
  H5_DIST_DIR: path.join(ROOT, 'test-results', 'no-h5'),
  ...settings,
})

/** host:port, as the server names a database (never with its password). */
const hostOf = (url: string) => `${new URL(url).hostname}:${new URL(url).port || 5432}`

const appliedCount = async (url: string) =>
  Number(
    (
      await queryRows<{ n: string }>(
        url,
        'SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
    )[0]?.n,
  )

describe('MIGRATE_ON_START', { timeout: 90_000 }, () => {
  it('takes true or false, and names itself when it is neither', () => {
    expect(parseEnv({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false)
    expect(parseEnv({}).MIGRATE_ON_START).toBe(true)
    expect(() => parseEnv({ MIGRATE_ON_START: 'no' })).toThrow(InvalidEnvError)
    expect(() => parseEnv({ MIGRATE_ON_START: 'no' })).toThrow(/MIGRATE_ON_START/)
  })

  it('false: an empty database is refused with the command to run, and left empty', async () => {
    const empty = await createEmptyDatabase('nomigrate')
    await expect(startServer(parseEnv(serverEnv(empty.url, { MIGRATE_ON_START: 'false' })))).rejects.toThrow(
      `MIGRATE_ON_START=false, and the database ${empty.name} on ${hostOf(empty.url)} has no tables yet (no migration applied): run \`npm run prisma -- migrate deploy\` first.`,
    )
    expect(await publicTables(empty.url)).toEqual([])
  })

  it('false: a server behind on migrations says so on one line and exits; after `migrate deploy` as a step of its own, it starts', async () => {
    const behind = await createEmptyDatabase('behind')
    const [last] = await migrateAllBut(behind.url, 1)
    const applied = await appliedCount(behind.url)
    const env = serverEnv(behind.url, { MIGRATE_ON_START: 'false' })

    // The server in a process of its own, from its sources.
    const refused = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toBe(
      `The server could not start: MIGRATE_ON_START=false, and the database ${behind.name} on ${hostOf(behind.url)} lacks 1 migration of this version (${last}): run \`npm run prisma -- migrate deploy\` first.`,
    )
    expect(await appliedCount(behind.url)).toBe(applied)

    const deploy = await promisify(execFile)(process.execPath, [PRISMA, 'migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: behind.url, NO_COLOR: '1' },
      timeout: 60_000,
    })
    expect(deploy.stdout).toContain(`${last}`)
    expect(await appliedCount(behind.url)).toBe(applied + 1)

    const server = await startServer(parseEnv(env))
    try {
      const health = await fetch(`${server.url}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ ok: true, db: 'external' })
    } finally {
      await server.stop()
    }
  })
  it('true: the schema engine is needed only on a database missing one of this version’s migrations', async () => {
    const empty = await createEmptyDatabase('no-tables')
    expect(await hasMigrationsToApply(empty.url)).toBe(true)
    const behind = await createEmptyDatabase('one-behind')
    await migrateAllBut(behind.url, 1)
    expect(await hasMigrationsToApply(behind.url)).toBe(true)
    const current = await createEmptyDatabase('current')
    await applyMigrations({ url: current.url })
    expect(await hasMigrationsToApply(current.url)).toBe(false)
    const missing = new URL(current.url)
    missing.pathname = `${missing.pathname}-missing`
    expect(await hasMigrationsToApply(missing.href)).toBe(true)
  })
})
