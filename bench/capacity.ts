// Capacity: the highest arrival rate the machine sustains with p99 ≤ 250 ms and no errors, load
// generator included (it runs on the same cores). An open-loop load (open-loop.ts): for each rate of
// a ladder (CAPACITY_RATES, 50 to 500 per second; CAPACITY_SECONDS, 20 s each), requests go out at
// fixed arrival times against the real server as `npm start` runs it (built, on a fresh embedded
// PostgreSQL with the 前跃村 story), over HTTP through sign-in and the app's clients:
//   - reads: the 工作台's totals, the four lists, the to-do list;
//   - writes: a donation and a need, each with its clientMutationId;
//   - the launch (launch-prefetch.ts): auth.me, the totals and the overdue needs at once, one
//     request per call as the app sends them; its latency runs to the last of the three answers.
// The limiter's hooks run on every request, but with limits raised (NO_RATE_LIMITS): all calls come
// from one loopback address and the story's handful of accounts, and the production limits (per
// account and per address, docs/security.md) model one person and one office, not a village's load.
// Prints one JSON line per rate, then the highest rate within the bounds beside the goal (300/s).
// Exits 1 when a request fails (not when one is merely late or unanswered).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { createTRPCClient, httpLink } from '@trpc/client'
import { wireFormat } from '../common/wire-format'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import type { AppRouter } from '../server/routers/app-router'
import { type ApiClient, apiClient, failureOf, RELIABILITY_PASSWORD, ROOT } from '../tests/reliability/server-process'
import { createDonation, createNeed } from './mix-writes'
import { type RateReport, runOpenLoop } from './open-loop'
import { cpuSecondsBetween, cpuSecondsOf, descendantsCpuSeconds } from './process-cpu'
import { NO_RATE_LIMITS, withStoryServer } from './story-server'

const QUICK = process.argv.includes('--quick')
const RATES = (process.env.CAPACITY_RATES ?? (QUICK ? '50,150,300' : '50,100,150,200,300,400,500'))
  .split(',')
  .map(Number)
const SECONDS = Number(process.env.CAPACITY_SECONDS ?? (QUICK ? 3 : 20))
const WARM_UP_SECONDS = QUICK ? 1 : 5
const DRAIN_MS = 10_000
const BOUND_P99_MS = 250
const GOAL_RATE = 300
/** A rate whose p99 passes this is past saturation: the higher rates are not run. */
const SATURATED_P99_MS = 5_000

type Clients = {
  secretary: ApiClient
  cadre: ApiClient
  launch: ReturnType<typeof launchClient>
  villageId: string
  householdIds: string[]
}
type Operation = { name: string; weight: number; run: (api: Clients) => Promise<unknown> }

/** As the app's launch client (makeTrpcClient with isImmediate): one request per call. */
const launchClient = (url: string, token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: wireFormat,
        methodOverride: 'POST',
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  })

/** About 70% reads, 15% writes, 15% launches. */
const OPERATIONS: Operation[] = [
  { name: 'stats.summary', weight: 15, run: ({ secretary }) => secretary.stats.summary.query({}) },
  { name: 'activity.list', weight: 12, run: ({ secretary }) => secretary.activity.list.query({}) },
  { name: 'donation.list', weight: 12, run: ({ secretary }) => secretary.donation.list.query({}) },
  { name: 'household.list', weight: 12, run: ({ cadre }) => cadre.household.list.query({}) },
  { name: 'need.list', weight: 10, run: ({ cadre }) => cadre.need.list.query({}) },
  { name: 'todo.list', weight: 9, run: ({ cadre }) => cadre.todo.list.query({ limit: 50 }) },
  { name: 'donation.create', weight: 9, run: ({ secretary, villageId }) => createDonation(secretary, villageId) },
  { name: 'need.create', weight: 6, run: ({ cadre, householdIds }) => createNeed(cadre, householdIds) },
  {
    name: 'launch',
    weight: 15,
    run: ({ launch }) =>
      Promise.all([
        launch.auth.me.query(),
        launch.stats.summary.query({ top: 5 }),
        launch.need.list.query({ isOverdue: true, limit: 5 }),
      ]),
  },
]

const WEIGHTED = OPERATIONS.flatMap((op) => Array.from({ length: op.weight }, () => op))

/** Each rate's requests follow one fixed sequence of operations, the same at every rate. */
const sequenceOf = (count: number): Operation[] => {
  let seed = 20_250_220
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  return Array.from({ length: count }, () => WEIGHTED[Math.floor(next() * WEIGHTED.length)] as Operation)
}

const runRate = (api: Clients, rate: number, seconds: number): Promise<RateReport> => {
  const ops = sequenceOf(Math.floor(rate * seconds))
  return runOpenLoop({
    rate,
    seconds,
    drainMs: DRAIN_MS,
    send: (i) => (ops[i] as Operation).run(api),
    nameOf: (i) => (ops[i] as Operation).name,
    errorKind: (i, error) => {
      const { code, appCode } = failureOf(error)
      return `${(ops[i] as Operation).name} ${code}/${appCode ?? '-'}`
    },
  })
}

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'server'], { stdio: 'inherit' })
if (build.status !== 0) throw new Error('the server could not be built')

const main = () =>
  withStoryServer(
    'capacity',
    { ...NO_RATE_LIMITS },
    async (server) => {
      const tokenOf = async (phone: string) =>
        (await apiClient(server.url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD })).token
      const secretaryToken = await tokenOf(DEMO_ACCOUNTS.secretary.phone)
      const cadreToken = await tokenOf(DEMO_ACCOUNTS.cadre.phone)
      const secretary = apiClient(server.url, secretaryToken)
      const cadre = apiClient(server.url, cadreToken)
      const api: Clients = {
        secretary,
        cadre,
        launch: launchClient(server.url, secretaryToken),
        villageId: (await cadre.auth.me.query()).villages[0]?.id ?? '',
        householdIds: (await cadre.household.list.query({ limit: 100 })).items.map((h) => h.id),
      }
      // Connections opened and the server's code warmed before the first measured rate.
      await runRate(api, RATES[0] ?? 50, WARM_UP_SECONDS)

      const reports: RateReport[] = []
      for (const rate of RATES) {
        const before = {
          generator: process.cpuUsage(),
          server: cpuSecondsOf(server.pid),
          database: descendantsCpuSeconds(server.pid),
        }
        const report = await runRate(api, rate, SECONDS)
        reports.push(report)
        // Where the cores went: CPU seconds a second of the run.
        const generator = process.cpuUsage(before.generator)
        const cpuCores = {
          generator: Math.round(((generator.user + generator.system) / 1e6 / SECONDS) * 100) / 100,
          server: Math.round(((cpuSecondsOf(server.pid) - before.server) / SECONDS) * 100) / 100,
          database:
            Math.round((cpuSecondsBetween(before.database, descendantsCpuSeconds(server.pid)) / SECONDS) * 100) / 100,
        }
        console.log(JSON.stringify({ measure: 'capacity.rate', seconds: SECONDS, ...report, cpuCores }))
        if (report.p99Ms > SATURATED_P99_MS) break
      }
      // A refusal or a failure is a wrong answer, not a slow one: the run fails (requests still
      // unanswered at the end are the saturation the curve shows).
      if (reports.some((r) => Object.keys(r.errorsByKind).some((kind) => kind !== 'unanswered'))) process.exitCode = 1
      const within = reports.filter((r) => r.errors === 0 && r.p99Ms <= BOUND_P99_MS)
      const highest = Math.max(0, ...within.map((r) => r.rate))
      console.log(
        JSON.stringify({
          measure: 'capacity',
          boundP99Ms: BOUND_P99_MS,
          highestRateWithinBound: highest,
          goalRate: GOAL_RATE,
          withinGoal: highest >= GOAL_RATE,
        }),
      )
    },
    { isCompiled: true },
  )

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
