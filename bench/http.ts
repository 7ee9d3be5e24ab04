// What people wait for, over HTTP: the real server as production runs it (production-server.ts:
// the build with `npm start`'s flags, in a process of its own), each call sent as the app's batch
// link sends it (POST /trpc/<path>?batch=1, the wire format, a bearer token), one at a time on one
// keep-alive connection, as one phone waits for each answer. Every call goes through sign-in, the
// per-user limit (raised for the run, still counted), the scope middlewares and the wire format.
// The accounts are those bench/dashboard.ts picks from the generated world:
//   - auth.me as the cadre: the floor every call pays (goal: p50 ≤ 2 ms, p99 ≤ 10 ms);
//   - stats.summary (all time, top 10) as the admin, the secretary and the cadre (p95 ≤ 25 ms);
//   - the four lists of bench/lists.ts (p95 ≤ 15 ms).
//
//   BENCH_DATABASE_URL   as bench/dashboard.ts (with BENCH_FIELD_ENCRYPTION_KEY and BENCH_PASSWORD,
//                        the generated accounts' password); unset: county scale generated into a
//                        fresh embedded PostgreSQL.
//   BENCH_BASELINE_DIR   another checkout (e.g. of main) whose server runs beside this one on the
//                        same database: the two take turns, ROUNDS rounds per call, and each line
//                        adds the baseline's figures and the ratio of the medians.
//   BENCH_ITERATIONS     timed calls per call and server (200; 30 with --quick), after BENCH_WARMUP.
//
// One JSON line per call.
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { wireFormat } from '../common/wire-format'
import { apiClient, type ServerProcess } from '../tests/reliability/server-process'
import { ITERATIONS, openBenchWorld, WARMUP } from './dashboard'
import { startProductionServer } from './production-server'
import { percentile, roundMs } from './stats'

const ROUNDS = 4
const LIMIT = 20

type Goal = { p50Ms?: number; p95Ms?: number; p99Ms?: number }
type Call = { measure: string; token: string; path: string; input: unknown; goal: Goal }
type Figures = { medianMs: number; p95Ms: number; p99Ms: number }

/** One server, one keep-alive connection: each call as the app's batch link sends a batch of one. */
const connectionTo = (url: string) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const { hostname, port } = new URL(url)
  const post = (call: Call) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ 0: wireFormat.input.serialize(call.input) })
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/trpc/${call.path}?batch=1`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${call.token}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            if (response.statusCode === 200) return resolve()
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 300)
            reject(new Error(`${call.measure}: HTTP ${response.statusCode} ${text}`))
          })
          response.on('error', reject)
        },
      )
      request.on('error', reject)
      request.end(body)
    })
  return { post, close: () => agent.destroy() }
}

type Connection = ReturnType<typeof connectionTo>

const timeOn = async (connection: Connection, call: Call, count: number, into: number[]) => {
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await connection.post(call)
    into.push(performance.now() - started)
  }
}

const figuresOf = (samples: number[]): Figures => {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    medianMs: roundMs(percentile(sorted, 50)),
    p95Ms: roundMs(percentile(sorted, 95)),
    p99Ms: roundMs(percentile(sorted, 99)),
  }
}

const meets = (figures: Figures, goal: Goal) =>
  (goal.p50Ms === undefined || figures.medianMs <= goal.p50Ms) &&
  (goal.p95Ms === undefined || figures.p95Ms <= goal.p95Ms) &&
  (goal.p99Ms === undefined || figures.p99Ms <= goal.p99Ms)

/** Times `call` on this server, and in turn on the baseline's when there is one. */
const measure = async (call: Call, scale: string, current: Connection, baseline: Connection | null) => {
  const sides = baseline ? [current, baseline] : [current]
  const samples = sides.map((): number[] => [])
  const rounds = baseline ? ROUNDS : 1
  const perRound = Math.ceil(ITERATIONS / rounds)
  for (let round = 0; round < rounds; round++) {
    // Each side first in turn.
    const order = round % 2 ? [...sides.keys()].reverse() : [...sides.keys()]
    for (const i of order) {
      const side = sides[i]
      const into = samples[i]
      if (side && into) await timeOn(side, call, perRound, into)
    }
  }
  const figures = figuresOf(samples[0] ?? [])
  const base = baseline ? figuresOf(samples[1] ?? []) : null
  console.log(
    JSON.stringify({
      measure: call.measure,
      scale,
      iterations: samples[0]?.length ?? 0,
      ...figures,
      goal: call.goal,
      withinGoal: meets(figures, call.goal),
      ...(base
        ? {
            baseline: base,
            medianOverBaseline: base.medianMs ? Math.round((figures.medianMs / base.medianMs) * 100) / 100 : null,
          }
        : {}),
    }),
  )
}

const main = async () => {
  if (!process.env.BENCH_DATABASE_URL) process.env.GEN_PASSWORD ??= 'bench-http-password'
  const world = await openBenchWorld()
  const { prisma, picked, scale } = world
  const env = { DATABASE_URL: world.url, FIELD_ENCRYPTION_KEY: world.fieldKey }
  const servers: ServerProcess[] = []
  const connections: Connection[] = []
  const dataDirs: string[] = []
  // Each server's own folder for what it keeps on disk (photos, backups), outside any checkout.
  const start = async (root?: string) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-http-'))
    dataDirs.push(dataDir)
    const started = await startProductionServer({ ...env, DATA_DIR: dataDir }, root ? { root } : {})
    servers.push(started)
    return started
  }
  try {
    const server = await start()
    const baselineDir = process.env.BENCH_BASELINE_DIR
    const baselineServer = baselineDir ? await start(baselineDir) : null

    const password = process.env.BENCH_PASSWORD ?? process.env.GEN_PASSWORD ?? ''
    const signIn = async (id: string) => {
      const { phone } = await prisma.user.findUniqueOrThrow({ where: { id }, select: { phone: true } })
      return (await apiClient(server.url).auth.loginWithPassword.mutate({ phone: phone ?? '', password })).token
    }
    const admin = await signIn(picked.adminId)
    const secretary = await signIn(picked.secretaryId)
    const cadre = await signIn(picked.cadreId)
    const summary = { top: 10 }
    const listGoal = { p95Ms: 15 }
    const calls: Call[] = [
      { measure: 'http.auth.me.cadre', token: cadre, path: 'auth.me', input: undefined, goal: { p50Ms: 2, p99Ms: 10 } },
      ...(
        [
          ['admin', admin],
          ['secretary', secretary],
          ['cadre', cadre],
        ] as const
      ).map(([role, token]) => ({
        measure: `http.dashboard.summary.${role}`,
        token,
        path: 'stats.summary',
        input: summary,
        goal: { p95Ms: 25 },
      })),
      {
        measure: 'http.lists.household.list.cadre',
        token: cadre,
        path: 'household.list',
        input: { villageId: picked.villageId, limit: LIMIT },
        goal: listGoal,
      },
      {
        measure: 'http.lists.need.list.board.cadre',
        token: cadre,
        path: 'need.list',
        input: { isOpen: true, sort: 'due', limit: LIMIT },
        goal: listGoal,
      },
      {
        measure: 'http.lists.need.list.board.secretary',
        token: secretary,
        path: 'need.list',
        input: { isOpen: true, sort: 'due', limit: LIMIT },
        goal: listGoal,
      },
      {
        measure: 'http.lists.activity.list.secretary',
        token: secretary,
        path: 'activity.list',
        input: { limit: LIMIT },
        goal: listGoal,
      },
    ]
    const current = connectionTo(server.url)
    connections.push(current)
    const baseline = baselineServer ? connectionTo(baselineServer.url) : null
    if (baseline) connections.push(baseline)
    // Every call warmed up on every server first, so that the first call timed is not the one to
    // pay for the servers' first compiles.
    for (const side of baseline ? [current, baseline] : [current])
      for (const call of calls) await timeOn(side, call, WARMUP, [])
    for (const call of calls) await measure(call, scale, current, baseline)
  } finally {
    for (const connection of connections) connection.close()
    for (const server of servers) await server.stop()
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true })
    await world.close()
  }
}

await main()
