// The Prisma CLI with our schema-engine stand-in (prisma/engine/), as developers and deployments
// run it: no engine download, migrations applied from the committed history, and a failing
// migration that fails the command and is not recorded as applied.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { adminDatabaseUrl, withDatabase } from '../helpers/test-database'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PRISMA = path.join(ROOT, 'node_modules/prisma/build/index.js')

type Run = { code: number; output: string }

const prisma = async (args: string[], env: Record<string, string>): Promise<Run> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [PRISMA, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      timeout: 60_000,
    })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

/** A brand-new empty database (not a copy of the migrated template); dropped with the run's. */
const emptyDatabase = async () => {
  const name = `${inject('templateDatabase')}_cli_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return withDatabase(adminDatabaseUrl(), name)
}

const query = async <T extends pg.QueryResultRow>(url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

describe('prisma CLI on the Wasm schema engine', () => {
  it('reports pending migrations, deploys them, then reports the schema up to date', async () => {
    const url = await emptyDatabase()
    const before = await prisma(['migrate', 'status'], { DATABASE_URL: url })
    expect(before.code).not.toBe(0)
    expect(before.output).toContain('have not yet been applied')
    const deploy = await prisma(['migrate', 'deploy'], { DATABASE_URL: url })
    expect(deploy.output).toContain('All migrations have been successfully applied')
    expect(deploy.code).toBe(0)
    const after = await prisma(['migrate', 'status'], { DATABASE_URL: url })
    expect(after).toMatchObject({ code: 0 })
    expect(after.output).toContain('Database schema is up to date')
    const tables = await query<{ n: string }>(url, `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)
    expect(Number(tables[0]?.n)).toBeGreaterThan(15)
  })

  it('finds no drift between the committed migrations and schema.prisma (shadow database)', async () => {
    const url = await emptyDatabase()
    const diff = await prisma(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      {
        DATABASE_URL: url,
      },
    )
    expect(diff.output).toContain('No difference detected')
    expect(diff.code).toBe(0)
    const leftovers = await query<{ datname: string }>(
      url,
      `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`,
    )
    expect(leftovers).toEqual([])
  })

  it('fails the command on a broken migration, rolls its statements back and does not mark it applied', async () => {
    const url = await emptyDatabase()
    const project = await mkdtemp(path.join(tmpdir(), 'pdrl-cli-'))
    const migrations = path.join(project, 'migrations')
    await cp(path.join(ROOT, 'prisma/migrations'), migrations, { recursive: true })
    await mkdir(path.join(migrations, '29991231000000_broken'))
    await writeFile(
      path.join(migrations, '29991231000000_broken/migration.sql'),
      'CREATE TABLE "half_done" (id int);\nINSERT INTO "no_such_table" VALUES (1);\n',
    )
    // A config without imports, so it loads from a folder with no node_modules.
    const config = path.join(project, 'prisma.config.ts')
    await writeFile(
      config,
      `export default { schema: ${JSON.stringify(path.join(ROOT, 'prisma/schema.prisma'))}, migrations: { path: ${JSON.stringify(migrations)} }, datasource: { url: process.env.DATABASE_URL } }\n`,
    )
    const env = {
      DATABASE_URL: url,
      PRISMA_SCHEMA_ENGINE_BINARY: path.join(ROOT, 'prisma/engine/schema-engine.mjs'),
      CHECKPOINT_DISABLE: '1',
    }
    const deploy = await prisma(['migrate', 'deploy', '--config', config], env)
    expect(deploy.code).not.toBe(0)
    expect(deploy.output).toContain('29991231000000_broken')
    const rows = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY started_at',
    )
    expect(rows.at(-1)).toMatchObject({ migration_name: '29991231000000_broken', finished_at: null })
    expect(rows.slice(0, -1).every((r) => r.finished_at !== null)).toBe(true)
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toEqual([])
    const status = await prisma(['migrate', 'status', '--config', config], env)
    expect(status.code).not.toBe(0)
    expect(status.output).toContain('29991231000000_broken')
  })
})
