// The Prisma CLI with our schema-engine stand-in (prisma/engine/), as developers and deployments
// run it: no engine download, migrations applied from the committed history, a developer's new
// model turned into a migration, a reset, a failing migration that fails the command and is not
// recorded as applied, and the one engine version the stand-in, the Wasm engine and the CLI share.
// One database for the whole file (each command here takes seconds): the tests run in order on it.
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmptyDatabase, publicTables, queryRows } from '../helpers/scratch-database'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PRISMA = path.join(ROOT, 'node_modules/prisma/build/index.js')
const STAND_IN = path.join(ROOT, 'prisma/engine/schema-engine.mjs')

type Run = { code: number; output: string }

const run = async (args: string[], env: Record<string, string> = {}): Promise<Run> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
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

const prisma = (args: string[], env: Record<string, string> = {}) => run([PRISMA, ...args], env)

const appliedMigrations = (url: string) =>
  queryRows<{ migration_name: string; finished_at: Date | null }>(
    url,
    'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY started_at',
  )

let url: string

beforeAll(async () => {
  url = (await createEmptyDatabase('cli')).url
})

// Each CLI run takes 1–3 s, more on a busy machine.
describe('prisma CLI on the Wasm schema engine', { timeout: 90_000 }, () => {
  it('reports pending migrations, deploys them, then reports the schema up to date', async () => {
    const before = await prisma(['migrate', 'status'], { DATABASE_URL: url })
    expect(before.code).not.toBe(0)
    expect(before.output).toContain('have not yet been applied')
    const deploy = await prisma(['migrate', 'deploy'], { DATABASE_URL: url })
    expect(deploy.output).toContain('All migrations have been successfully applied')
    expect(deploy.code).toBe(0)
    const after = await prisma(['migrate', 'status'], { DATABASE_URL: url })
    expect(after).toMatchObject({ code: 0 })
    expect(after.output).toContain('Database schema is up to date')
    expect((await publicTables(url)).length).toBeGreaterThan(15)
  })

  it('finds no drift between the committed migrations and schema.prisma (shadow database)', async () => {
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
      { DATABASE_URL: url },
    )
    expect(diff.output).toContain('No difference detected')
    expect(diff.code).toBe(0)
    const leftovers = await queryRows(
      url,
      `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`,
    )
    expect(leftovers).toEqual([])
  })

  it('runs the engine version of the CLI: the stand-in, @prisma/schema-engine-wasm and the CLI agree', async () => {
    // The Wasm package's version embeds the engine hash: <prisma version>-<n>.<hash>.
    const wasmDir = path.dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
    const wasmVersion: string = JSON.parse(await readFile(path.join(wasmDir, 'package.json'), 'utf8')).version
    const [, wasmRelease, wasmHash] = wasmVersion.match(/^(\d+\.\d+\.\d+)-\d+\.([0-9a-f]{40})$/) ?? []
    const standIn = await run([STAND_IN, '--version'])
    const cli = await prisma(['--version'])
    const field = (name: string) => cli.output.match(new RegExp(`^${name}\\s*: (.*)$`, 'm'))?.[1]
    expect({
      standIn: standIn.output.trim(),
      // What the CLI runs as its schema engine (through prisma.config.ts): the stand-in.
      cliSchemaEngine: field('Schema Engine'),
      cliEnginesHash: field('Default Engines Hash'),
      cliRelease: field('prisma'),
      wasmRelease,
    }).toEqual({
      standIn: `schema-engine-cli ${wasmHash}`,
      cliSchemaEngine: `schema-engine-cli ${wasmHash} (at prisma/engine/schema-engine.mjs, resolved by PRISMA_SCHEMA_ENGINE_BINARY)`,
      cliEnginesHash: wasmHash,
      cliRelease: wasmRelease,
      wasmRelease: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    })
  })
})

describe('a developer’s change, on a copy of the project', { timeout: 90_000 }, () => {
  let project: string
  let env: Record<string, string>
  let config: string
  const migrations = () => path.join(project, 'prisma/migrations')

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'pdrl-cli-'))
    await cp(path.join(ROOT, 'prisma/migrations'), migrations(), { recursive: true })
    const schema = await readFile(path.join(ROOT, 'prisma/schema.prisma'), 'utf8')
    await writeFile(
      path.join(project, 'prisma/schema.prisma'),
      `${schema}\nmodel ScratchNote {\n  id   String @id @default(uuid()) @db.Uuid\n  body String\n}\n`,
    )
    // A config without imports, so it loads from a folder with no node_modules.
    config = path.join(project, 'prisma.config.ts')
    await writeFile(
      config,
      `export default { schema: ${JSON.stringify(path.join(project, 'prisma/schema.prisma'))}, migrations: { path: ${JSON.stringify(migrations())} }, datasource: { url: process.env.DATABASE_URL } }\n`,
    )
    env = { DATABASE_URL: url, PRISMA_SCHEMA_ENGINE_BINARY: STAND_IN, CHECKPOINT_DISABLE: '1' }
  })

  afterAll(() => rm(project, { recursive: true, force: true }))

  it('migrate dev writes the migration of a new model, with just its SQL, and applies it', async () => {
    const committed = await readdir(path.join(ROOT, 'prisma/migrations'))
    const dev = await prisma(['migrate', 'dev', '--name', 'add_scratch_note', '--config', config], env)
    expect(dev.output).toContain('Your database is now in sync with your schema')
    expect(dev.code).toBe(0)

    const added = (await readdir(migrations())).find((name) => name.endsWith('_add_scratch_note'))
    expect(added).toMatch(/^\d{14}_add_scratch_note$/)
    const sql = await readFile(path.join(migrations(), `${added}/migration.sql`), 'utf8')
    expect(sql.replace(/--.*$/gm, '').replace(/\s+/g, ' ').trim()).toBe(
      'CREATE TABLE "ScratchNote" ( "id" UUID NOT NULL, "body" TEXT NOT NULL, CONSTRAINT "ScratchNote_pkey" PRIMARY KEY ("id") );',
    )
    expect(await publicTables(url)).toContain('ScratchNote')
    expect((await appliedMigrations(url)).at(-1)).toMatchObject({
      migration_name: added,
      finished_at: expect.any(Date),
    })
    // Only the copy changed; no shadow database is left behind.
    expect(await readdir(path.join(ROOT, 'prisma/migrations'))).toEqual(committed)
    expect(
      await queryRows(url, `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`),
    ).toEqual([])
  })

  it('migrate reset --force empties the database and applies every migration again', async () => {
    await queryRows(url, `INSERT INTO "ScratchNote" (id, body) VALUES (gen_random_uuid(), 'written before the reset')`)
    const reset = await prisma(['migrate', 'reset', '--force', '--config', config], env)
    expect(reset.code).toBe(0)
    expect(await queryRows(url, 'SELECT * FROM "ScratchNote"')).toEqual([])
    const applied = await appliedMigrations(url)
    expect(applied.map((r) => r.migration_name)).toEqual(
      (await readdir(migrations(), { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    )
    expect(applied.every((r) => r.finished_at !== null)).toBe(true)
  })

  it('fails the command on a broken migration, rolls its statements back and does not mark it applied', async () => {
    await mkdir(path.join(migrations(), '29991231000000_broken'))
    await writeFile(
      path.join(migrations(), '29991231000000_broken/migration.sql'),
      'CREATE TABLE "half_done" (id int);\nINSERT INTO "no_such_table" VALUES (1);\n',
    )
    const deploy = await prisma(['migrate', 'deploy', '--config', config], env)
    expect(deploy.code).not.toBe(0)
    expect(deploy.output).toContain('29991231000000_broken')
    const rows = await appliedMigrations(url)
    expect(rows.at(-1)).toMatchObject({ migration_name: '29991231000000_broken', finished_at: null })
    expect(rows.slice(0, -1).every((r) => r.finished_at !== null)).toBe(true)
    expect(await publicTables(url)).not.toContain('half_done')
    const status = await prisma(['migrate', 'status', '--config', config], env)
    expect(status.code).not.toBe(0)
    expect(status.output).toContain('29991231000000_broken')
  })
})
