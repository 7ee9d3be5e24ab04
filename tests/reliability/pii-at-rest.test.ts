// Personal data at rest: the README promises that ID numbers, phones and health details are
// stored encrypted. The real server seeds the 前跃村 households (SEED_DEMO=households) and is
// stopped cleanly (SIGTERM), so that everything is on disk; then no seeded ID number, phone or
// health detail may appear in plaintext in any file of the data folder (heap, indexes, WAL, logs),
// in a logical dump of the database, or in the server's own log.
//
// The secrets to look for are what the server itself reveals (household.reveal, as an admin),
// checked against the story's households (prisma/seed/story-households.ts). Positive controls
// (household codes, stored in the clear) prove that the scans do see the rows.
//
// The same against an external PostgreSQL, seeded through the HTTP API and dumped with the
// system's pg_dump, when one answers at 127.0.0.1:5432 (or TEST_DATABASE_URL).
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, type DemoAccountKey } from '../../prisma/seed/reference-data'
import { replayHouseholds } from '../../prisma/seed/story'
import { QIANYUE_HOUSEHOLDS, SHANGTAN_HOUSEHOLD } from '../../prisma/seed/story-households'
import type { Caller } from '../../server/caller'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'
import { reportFigures } from './figures'
import {
  type ApiClient,
  createExternalDatabase,
  loginAs,
  migrateAndSeedAccounts,
  newFieldKey,
  runningPostmaster,
  type ServerProcess,
  startServerProcess,
  stopLeftovers,
  withClient,
} from './server-process'
import { cleanupAfterAll, externalPostgresOrSkip } from './suite-resources'

const cleanups = cleanupAfterAll()

// ─── The secrets ────────────────────────────────────────────────────────────────────

type SecretKind = 'idNumber' | 'phone' | 'health'
type Secret = { kind: SecretKind; value: string; bytes: Buffer }

const secret = (kind: SecretKind, value: string): Secret => ({ kind, value, bytes: Buffer.from(value, 'utf8') })

/** The ID numbers and phones the story's households are recorded with (prisma/seed/story-households.ts). */
const storySecrets = () => {
  const households = [...QIANYUE_HOUSEHOLDS, SHANGTAN_HOUSEHOLD]
  const idNumbers = households.flatMap((h) => [
    h.idNumber,
    ...h.members.flatMap((m) => (m.idNumber ? [m.idNumber] : [])),
  ])
  const phones = households.flatMap((h) => (h.phone ? [h.phone] : []))
  return { idNumbers: new Set(idNumbers), phones: new Set(phones) }
}

/** Every household's ID number, phone, members' ID numbers and health details, as the server reveals them. */
const revealAll = async (admin: ApiClient) => {
  const idNumbers = new Set<string>()
  const phones = new Set<string>()
  const health = new Set<string>()
  const codes: string[] = []
  const reason = '可靠性测试核对数据'
  let cursor: string | null = null
  do {
    const page: Awaited<ReturnType<ApiClient['household']['list']['query']>> = await admin.household.list.query({
      limit: 100,
      cursor,
    })
    for (const row of page.items) {
      codes.push(row.code)
      const household = await admin.household.byId.query({ id: row.id })
      const idNumber = await admin.household.reveal.mutate({ id: row.id, field: 'idNumber', reason })
      if (idNumber.value) idNumbers.add(idNumber.value)
      const phone = await admin.household.reveal.mutate({ id: row.id, field: 'phone', reason })
      if (phone.value) phones.add(phone.value)
      for (const member of household.members) {
        const memberId = await admin.household.reveal.mutate({
          id: row.id,
          field: 'memberIdNumber',
          memberId: member.id,
          reason,
        })
        if (memberId.value) idNumbers.add(memberId.value)
        if (member.health?.detail) health.add(member.health.detail)
      }
    }
    cursor = page.nextCursor
  } while (cursor)
  return { idNumbers, phones, health, codes }
}

/** The secrets, after checking that what the server holds is what the story seeded. */
const secretsOf = (revealed: Awaited<ReturnType<typeof revealAll>>) => {
  const story = storySecrets()
  expect([...revealed.idNumbers].sort(), 'the revealed ID numbers are the story’s').toEqual([...story.idNumbers].sort())
  expect([...revealed.phones].sort(), 'the revealed phones are the story’s').toEqual([...story.phones].sort())
  expect(revealed.idNumbers.size).toBeGreaterThanOrEqual(10)
  expect(revealed.phones.size).toBeGreaterThanOrEqual(5)
  expect(revealed.health.size).toBeGreaterThanOrEqual(5)
  return [
    ...[...revealed.idNumbers].map((v) => secret('idNumber', v)),
    ...[...revealed.phones].map((v) => secret('phone', v)),
    ...[...revealed.health].map((v) => secret('health', v)),
  ]
}

// ─── Scanning ───────────────────────────────────────────────────────────────────────

type Hit = { where: string; kind: SecretKind; value: string }

const countIn = (haystack: Buffer, needle: Buffer): number => {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1
  return count
}

const scanBuffer = (where: string, content: Buffer, secrets: Secret[], hits: Hit[]) => {
  for (const s of secrets) {
    if (content.includes(s.bytes)) hits.push({ where, kind: s.kind, value: s.value })
  }
}

/** Every regular file under dir, byte for byte. */
const scanFolder = async (dir: string, secrets: Secret[], controls: Buffer[]) => {
  const hits: Hit[] = []
  let files = 0
  let bytes = 0
  let controlHits = 0
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const content = await readFile(file)
    files += 1
    bytes += content.length
    scanBuffer(path.relative(dir, file), content, secrets, hits)
    for (const control of controls) controlHits += countIn(content, control)
  }
  return { hits, files, bytes, controlHits }
}

/**
 * A logical dump made here (the system's pg_dump may be older than the server): every row of
 * every table in every schema but the catalogs, in PostgreSQL's text form, with bytea as raw bytes.
 */
const logicalDump = async (url: string): Promise<{ dump: Buffer; tables: number; rows: number }> =>
  withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1`,
    )
    const raw = (value: string) => value
    const byteaParser = pg.types.getTypeParser(17)
    const parts: Buffer[] = []
    let rowCount = 0
    for (const { name } of tables) {
      const result = await client.query<unknown[]>({
        text: `SELECT * FROM ${name}`,
        rowMode: 'array',
        types: { getTypeParser: ((oid: number) => (oid === 17 ? byteaParser : raw)) as never },
      })
      parts.push(Buffer.from(`\n-- ${name}\n`))
      for (const row of result.rows) {
        rowCount += 1
        for (const value of row) {
          parts.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)), Buffer.from('\t'))
        }
        parts.push(Buffer.from('\n'))
      }
    }
    return { dump: Buffer.concat(parts), tables: tables.length, rows: rowCount }
  })

const databasesOn = (adminUrl: string) =>
  withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1',
    )
    return rows.map((r) => r.datname)
  })

const controlsOf = (codes: string[]) => codes.map((code) => Buffer.from(code, 'utf8'))

const describeHits = (hits: Hit[]) => hits.map((h) => `${h.kind} ${h.value.slice(0, 4)}… in ${h.where}`).join('\n')

// ─── The tests ──────────────────────────────────────────────────────────────────────

describe('personal data at rest', () => {
  it('on the embedded default: no seeded ID number, phone or health detail in plaintext in the data folder, a logical dump, or the log', async () => {
    const started = performance.now()
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-pii-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const server: ServerProcess = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: 'households' })
    cleanups.push(() => stopLeftovers(server, dataDir))
    const admin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
    const revealed = await revealAll(admin)
    const secrets = secretsOf(revealed)
    const controls = controlsOf(revealed.codes)

    const exit = await server.stop()
    expect(runningPostmaster(dataDir), 'SIGTERM stops the embedded PostgreSQL too').toBeNull()

    const files = await scanFolder(dataDir, secrets, controls)
    const logHits: Hit[] = []
    scanBuffer('server log', Buffer.from(server.output(), 'utf8'), secrets, logHits)

    // Then the database's contents, through PostgreSQL itself (compressed or TOASTed values too).
    const postgres = await startEmbeddedPostgres({ dataDir })
    const dumpHits: Hit[] = []
    let dumpBytes = 0
    let dumpRows = 0
    let dumpControlHits = 0
    try {
      for (const database of await databasesOn(postgres.url())) {
        const { dump, rows } = await logicalDump(postgres.url(database))
        dumpBytes += dump.length
        dumpRows += rows
        scanBuffer(`dump of ${database}`, dump, secrets, dumpHits)
        for (const control of controls) dumpControlHits += countIn(dump, control)
      }
    } finally {
      await postgres.stop()
    }

    const hits = [...files.hits, ...dumpHits, ...logHits]
    reportFigures('pii-at-rest', {
      db: 'embedded',
      filesScanned: files.files,
      bytesScanned: files.bytes,
      dumpBytes,
      dumpRows,
      secretsSearched: secrets.length,
      idNumbers: revealed.idNumbers.size,
      phones: revealed.phones.size,
      healthDetails: revealed.health.size,
      plaintextHits: hits.length,
      fileHits: files.hits.length,
      dumpHits: dumpHits.length,
      logHits: logHits.length,
      positiveControlHitsFiles: files.controlHits,
      positiveControlHitsDump: dumpControlHits,
      cleanStopExit: exit.signal ?? String(exit.code),
      runtimeSeconds: Math.round((performance.now() - started) / 1000),
    })
    expect(files.controlHits, 'the file scan sees the plaintext household codes (positive control)').toBeGreaterThan(0)
    expect(dumpControlHits, 'the dump holds the plaintext household codes (positive control)').toBeGreaterThan(0)
    expect(hits, `personal data in plaintext:\n${describeHits(hits)}`).toEqual([])
  }, 1_200_000)

  it('on an external PostgreSQL: none in a pg_dump of the database nor in its relation files', async (ctx) => {
    const adminUrl = await externalPostgresOrSkip(ctx, 'pii-at-rest')
    const started = performance.now()
    const database = await createExternalDatabase(adminUrl, 'pdrl_pii')
    cleanups.push(database.drop)
    const ref = await migrateAndSeedAccounts(database.url)
    const server = await startServerProcess({ DATABASE_URL: database.url, FIELD_ENCRYPTION_KEY: newFieldKey() })
    cleanups.push(() => stopLeftovers(server))

    // The households, entered through the HTTP API by the story's cadres and resident.
    const phoneOf = new Map(
      (Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]).map((key) => [ref.users[key].id, DEMO_ACCOUNTS[key].phone]),
    )
    await replayHouseholds({
      ref,
      callerFor: async (userId) => httpCaller(await loginAs(server.url, phoneOf.get(userId) as string)),
    })
    const admin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
    const revealed = await revealAll(admin)
    const secrets = secretsOf(revealed)
    const controls = controlsOf(revealed.codes)
    const exit = await server.stop()

    const { dump, tool } = await dumpExternal(database.url)
    const dumpHits: Hit[] = []
    scanBuffer(`${tool} of ${database.name}`, dump, secrets, dumpHits)
    const dumpControlHits = controls.reduce((sum, control) => sum + countIn(dump, control), 0)
    const logHits: Hit[] = []
    scanBuffer('server log', Buffer.from(server.output(), 'utf8'), secrets, logHits)
    const files = await scanExternalRelationFiles(adminUrl, database.name, secrets, controls)

    const hits = [...dumpHits, ...logHits, ...files.hits]
    reportFigures('pii-at-rest-external', {
      db: 'external',
      dumpTool: tool,
      dumpBytes: dump.length,
      filesScanned: files.files,
      bytesScanned: files.bytes,
      secretsSearched: secrets.length,
      plaintextHits: hits.length,
      dumpHits: dumpHits.length,
      logHits: logHits.length,
      fileHits: files.hits.length,
      positiveControlHitsDump: dumpControlHits,
      positiveControlHitsFiles: files.controlHits,
      cleanStopExit: exit.signal ?? String(exit.code),
      runtimeSeconds: Math.round((performance.now() - started) / 1000),
    })
    expect(dumpControlHits, 'the dump holds the plaintext household codes (positive control)').toBeGreaterThan(0)
    expect(hits, `personal data in plaintext:\n${describeHits(hits)}`).toEqual([])
  }, 1_200_000)
})

// ─── External helpers ───────────────────────────────────────────────────────────────

/** The story's calls (all mutations) sent over HTTP as the signed-in user. */
const httpCaller = (client: ApiClient): Caller => {
  const at = (keys: string[]): unknown =>
    new Proxy(() => {}, {
      // Not a thenable: `await callerFor(…)` must resolve to the proxy itself.
      get: (_target, key) => (key === 'then' || typeof key !== 'string' ? undefined : at([...keys, key])),
      apply: (_target, _this, args: unknown[]) => {
        let node = client as unknown as Record<string, unknown>
        for (const key of keys) node = node[key] as Record<string, unknown>
        return (node.mutate as (input: unknown) => Promise<unknown>)(args[0])
      },
    })
  return at([]) as Caller
}

/** pg_dump when it is at least the server's major version; otherwise the logical dump above. */
const dumpExternal = async (url: string): Promise<{ dump: Buffer; tool: string }> => {
  const serverMajor = await withClient(url, async (c) =>
    Math.floor(
      Number((await c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]?.v) / 10_000,
    ),
  )
  try {
    const { stdout: version } = await promisify(execFile)('pg_dump', ['--version'])
    const dumpMajor = Number(/(\d+)\./.exec(version)?.[1])
    if (dumpMajor >= serverMajor) {
      const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', '--no-privileges', '-d', url], {
        encoding: 'buffer',
        maxBuffer: 1 << 30,
      })
      return { dump: stdout, tool: `pg_dump ${dumpMajor}` }
    }
  } catch (error) {
    console.log(`[pii-at-rest] NOTICE: pg_dump failed, using the logical dump instead: ${(error as Error).message}`)
  }
  return { dump: (await logicalDump(url)).dump, tool: 'logical dump' }
}

/** The database's own folder on the server (base/<oid>), after a checkpoint, when this machine can read it. */
const scanExternalRelationFiles = async (adminUrl: string, name: string, secrets: Secret[], controls: Buffer[]) => {
  try {
    const folder = await withClient(adminUrl, async (c) => {
      await c.query('CHECKPOINT')
      const dataDirectory = (await c.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`)).rows[0]?.d
      const oid = (await c.query<{ oid: string }>('SELECT oid::text FROM pg_database WHERE datname = $1', [name]))
        .rows[0]?.oid
      return path.join(dataDirectory as string, 'base', oid as string)
    })
    return await scanFolder(folder, secrets, controls)
  } catch (error) {
    console.log(`[pii-at-rest] NOTICE: the external server's files are not readable here (${(error as Error).message})`)
    return { hits: [], files: 0, bytes: 0, controlHits: 0 }
  }
}
