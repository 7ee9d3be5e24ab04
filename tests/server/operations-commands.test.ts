// The operations commands (`npm run audit:verify`, `stats:recount`, `keys:rotate`, `retention`,
// `backup`, `restore`) on a database that is not there yet: each says on one line what is missing
// and what to run, exits 2, and makes nothing (no data folder, no cluster, no database, no table,
// no key or backup file). `restore` alone may make the embedded database (a restore onto a new
// machine, tests/reliability/disaster-recovery.test.ts); given no backup, it too makes nothing.
// Run as an operator runs them: child processes, as package.json starts them.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'
import {
  createEmptyDatabase,
  databaseExists,
  migrateAllBut,
  publicTables,
  scratchDatabaseName,
} from '../helpers/scratch-database'
import { adminDatabaseUrl, withDatabase } from '../helpers/test-database'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PACKAGE_SCRIPTS: Record<string, string> = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
).scripts

type Run = { code: number; output: string }

/** `npm run <name> -- <args>`: package.json's `tsx scripts/….ts`, on this Node. */
const run = async (name: string, args: string[], env: Record<string, string>): Promise<Run> => {
  const [runner, script] = (PACKAGE_SCRIPTS[name] ?? '').split(' ')
  expect(runner).toBe('tsx')
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script as string, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
    )
    return { code: 0, output: `${stdout}${stderr}`.trim() }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() }
  }
}

/** Every command, with the arguments an operator would give it. */
const COMMANDS: [name: string, args: string[]][] = [
  ['audit:verify', []],
  ['stats:recount', ['--check']],
  ['keys:rotate', []],
  ['retention', ['--dry-run']],
  ['backup', []],
  ['restore', ['pdrl-20250124-021500.backup.gz']],
]

const NOT_READY = 2

/** One line, and no stack trace. */
const expectOneLine = ({ output }: Run, line: RegExp) => {
  expect(output.split('\n')).toHaveLength(1)
  expect(output).toMatch(line)
  expect(output).not.toMatch(/\n\s+at |Error:|prisma:|Invalid `/)
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const folders: string[] = []
const newFolder = async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'pdrl-ops-'))
  folders.push(folder)
  return folder
}
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))
const fieldKey = () => randomBytes(32).toString('base64')

describe('on the embedded default, before the first `npm start`', () => {
  it.each(COMMANDS.filter(([name]) => name !== 'restore'))(
    '%s says to run `npm start` once, and makes no data folder',
    async (name, args) => {
      const folder = await newFolder()
      const dataDir = path.join(folder, 'data')
      const result = await run(name, args, { DATA_DIR: dataDir, DATABASE_URL: '', FIELD_ENCRYPTION_KEY: '' })
      expect(result.code).toBe(NOT_READY)
      expectOneLine(result, new RegExp(`^No database in ${literal(dataDir)} yet: run \`npm start\` once to create it`))
      expect(existsSync(dataDir)).toBe(false)
      expect(await readdir(folder)).toEqual([])
    },
  )

  it('restore of a backup that is not there names it, and makes no data folder', async () => {
    const folder = await newFolder()
    const dataDir = path.join(folder, 'data')
    const result = await run('restore', ['pdrl-20250124-021500.backup.gz'], {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      FIELD_ENCRYPTION_KEY: '',
    })
    expect(result.code).toBe(1)
    expectOneLine(
      result,
      new RegExp(`^Restore failed: ${literal(path.join(ROOT, 'pdrl-20250124-021500.backup.gz'))}: no such file$`),
    )
    expect(await readdir(folder)).toEqual([])
  })
})

describe('on an embedded cluster whose database was never made (a start cut short)', () => {
  let dataDir: string
  const databasesIn = async () => (await readdir(path.join(dataDir, 'postgres', 'base'))).sort()
  let before: { files: string[]; databases: string[] }

  beforeAll(async () => {
    dataDir = path.join(await newFolder(), 'data')
    await (await startEmbeddedPostgres({ dataDir })).stop()
    before = { files: (await readdir(dataDir)).sort(), databases: await databasesIn() }
  })

  it.each(COMMANDS.filter(([name]) => ['audit:verify', 'keys:rotate', 'backup'].includes(name)))(
    '%s says to run `npm start` once, and creates no database, key or backup',
    async (name, args) => {
      const result = await run(name, args, { DATA_DIR: dataDir, DATABASE_URL: '', FIELD_ENCRYPTION_KEY: '' })
      expect(result.code).toBe(NOT_READY)
      expectOneLine(
        result,
        new RegExp(
          `^The embedded database in ${literal(dataDir)} has no tables yet .*: run \`npm start\` once to create them\\.$`,
        ),
      )
      expect({ files: (await readdir(dataDir)).sort(), databases: await databasesIn() }).toEqual(before)
    },
  )
})

describe('with DATABASE_URL', { timeout: 60_000 }, () => {
  let empty: { url: string; name: string }
  beforeAll(async () => {
    empty = await createEmptyDatabase('ops')
  })

  // A restore goes into an empty database: that is what it is for (docs/deployment.md).
  it.each(COMMANDS.filter(([name]) => name !== 'restore'))(
    '%s refuses an empty database, says to run migrate deploy, and creates no table or file',
    async (name, args) => {
      const folder = await newFolder()
      const result = await run(name, args, {
        DATABASE_URL: empty.url,
        FIELD_ENCRYPTION_KEY: fieldKey(),
        DATA_DIR: path.join(folder, 'data'),
      })
      expect(result.code).toBe(NOT_READY)
      expectOneLine(
        result,
        new RegExp(
          `^The database ${empty.name} on [^ ]+ has no tables yet \\(no migration applied\\): run \`npm run prisma -- migrate deploy\` first\\.$`,
        ),
      )
      expect(await publicTables(empty.url)).toEqual([])
      expect(await readdir(folder)).toEqual([])
    },
  )

  // The same refusal as above for the others (they open the database the same way).
  it.each(COMMANDS.filter(([name]) => ['audit:verify', 'backup', 'restore'].includes(name)))(
    '%s names a database that does not exist, and does not create it',
    async (name, args) => {
      const missing = scratchDatabaseName('missing')
      const result = await run(name, args, {
        DATABASE_URL: withDatabase(adminDatabaseUrl(), missing),
        FIELD_ENCRYPTION_KEY: fieldKey(),
        DATA_DIR: path.join(await newFolder(), 'data'),
      })
      expect(result.code).toBe(NOT_READY)
      expectOneLine(
        result,
        new RegExp(
          `^The database ${missing} on [^ ]+ does not exist: create it, then ${name === 'restore' ? 'run the restore again' : 'run `npm run prisma -- migrate deploy` first'}\\.$`,
        ),
      )
      expect(await databaseExists(missing)).toBe(false)
    },
  )

  it('on a database an upgrade has not migrated: the commands refuse, naming the migration; a backup is still taken', async () => {
    const behind = await createEmptyDatabase('behind')
    const [last] = await migrateAllBut(behind.url, 1)
    const env = {
      DATABASE_URL: behind.url,
      FIELD_ENCRYPTION_KEY: fieldKey(),
      DATA_DIR: path.join(await newFolder(), 'data'),
    }
    const refused = await run('stats:recount', ['--check'], env)
    expect(refused.code).toBe(NOT_READY)
    expectOneLine(
      refused,
      new RegExp(`lacks 1 migration of this version \\(${last}\\): run \`npm run prisma -- migrate deploy\` first\\.$`),
    )
    const out = path.join(await newFolder(), 'before-upgrade.backup.gz')
    const backup = await run('backup', ['--out', out], env)
    expect(backup.output).toContain(`Backup written: ${out}`)
    expect(backup.code).toBe(0)
  })
})
