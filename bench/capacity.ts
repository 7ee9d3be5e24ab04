// Capacity: the highest arrival rate the machine sustains with p99 ≤ 250 ms and no errors, load
// generator included (it runs on the same cores). An open-loop load (open-loop.ts): for each rate of
// a ladder (CAPACITY_RATES, 50 to 500 per second; CAPACITY_SECONDS, 20 s each), requests go out at
// fixed arrival times against the real server as `npm start` runs it (built, on a fresh embedded
// PostgreSQL with the 前跃村 story): the app's mix of calls (capacity-mix.ts), each kind made once
// through the app's tRPC clients and its requests then replayed byte for byte, writes with fresh
// keys (replayed-requests.ts). A launch is one request, its three calls in one batch.
// The limiter's hooks run on every request, but with limits raised (NO_RATE_LIMITS): all calls come
// from one loopback address and the story's handful of accounts, and the production limits (per
// account and per address, docs/security.md) model one person and one office, not a village's load.
// Prints one JSON line per rate, then the highest rate within the bounds beside the goal (300/s).
// Exits 1 when a request fails (not when one is merely late or unanswered).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ROOT } from '../tests/reliability/server-process'
import { type Operation, type RecordedMix, recordedMix, sequenceOf } from './capacity-mix'
import { type RateReport, runOpenLoop } from './open-loop'
import { cpuSecondsBetween, cpuSecondsOf, descendantsCpuSeconds } from './process-cpu'
import { ReplayRefused, replayer } from './replayed-requests'
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

type Replayer = ReturnType<typeof replayer>

const runRate = (mix: RecordedMix, replay: Replayer, rate: number, seconds: number): Promise<RateReport> => {
  const ops = sequenceOf(Math.floor(rate * seconds))
  const nameOf = (i: number) => (ops[i] as Operation).name
  return runOpenLoop({
    rate,
    seconds,
    drainMs: DRAIN_MS,
    send: (i) =>
      Promise.all((mix.requestsOf.get(nameOf(i)) ?? []).map((request) => replay.send(request, mix.vary(request.body)))),
    nameOf,
    errorKind: (i, error) =>
      error instanceof ReplayRefused
        ? `${nameOf(i)} ${error.code}/${error.appCode ?? '-'}`
        : `${nameOf(i)} NETWORK/${error instanceof Error ? error.message : String(error)}`,
  })
}

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'server'], { stdio: 'inherit' })
if (build.status !== 0) throw new Error('the server could not be built')

const main = () =>
  withStoryServer(
    'capacity',
    { ...NO_RATE_LIMITS },
    async (server) => {
      const mix = await recordedMix(server.url)
      const replay = replayer()
      // Connections opened and the server's code warmed before the first measured rate.
      await runRate(mix, replay, RATES[0] ?? 50, WARM_UP_SECONDS)

      const reports: RateReport[] = []
      for (const rate of RATES) {
        const before = {
          generator: process.cpuUsage(),
          server: cpuSecondsOf(server.pid),
          database: descendantsCpuSeconds(server.pid),
        }
        const report = await runRate(mix, replay, rate, SECONDS)
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
      replay.close()
    },
    { isCompiled: true },
  )

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
