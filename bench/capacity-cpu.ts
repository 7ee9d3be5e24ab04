// CPU an arrival of the capacity mix (capacity-mix.ts): what the server and its PostgreSQL spend on
// one arrival, measured from /proc (process-cpu.ts), so that other loads on the machine do not
// enter it as they enter wall-clock figures. A closed loop: CAPACITY_CPU_ARRIVALS arrivals (600;
// 150 with --quick) of the mix's fixed sequence, CAPACITY_CPU_IN_FLIGHT (4) at a time, after a
// warm-up of as many (the first rounds after start-up cost more while the code is compiled).
//
//   CAPACITY_BASELINE_REF  a commit or branch (e.g. main), built into a temporary worktree
//                          (baseline-build.ts); or
//   CAPACITY_BASELINE_DIR  another checkout with its server built (dist/server).
//   With either, the two builds each run on a story server of their own and take turns, round by
//   round (A B A B …), CAPACITY_CPU_ROUNDS rounds (3; 1 with --quick); the last line gives the
//   medians and their ratio.
//   --by-kind              also each kind of call alone (CAPACITY_CPU_ARRIVALS ÷ 3 arrivals of it):
//                          its CPU an arrival and the SQL statements it sends (count-statements.mjs).
//
// The servers are the build `npm start` runs, with the rate limits raised as in capacity.ts.
// One JSON line per round and build, one per kind and build, then the summary.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { failureOf, ROOT, type ServerProcess, sleep } from '../tests/reliability/server-process'
import { type BaselineBuild, buildServerBaseline } from './baseline-build'
import { type MixClients, mixClients, OPERATIONS, type Operation, sequenceOf } from './capacity-mix'
import { cpuSecondsBetween, cpuSecondsOf, descendantsCpuSeconds } from './process-cpu'
import { percentile, roundMs } from './stats'
import { NO_RATE_LIMITS, withStoryServer } from './story-server'

const QUICK = process.argv.includes('--quick')
const BY_KIND = process.argv.includes('--by-kind')
const ARRIVALS = Number(process.env.CAPACITY_CPU_ARRIVALS ?? (QUICK ? 150 : 600))
const IN_FLIGHT = Number(process.env.CAPACITY_CPU_IN_FLIGHT ?? 4)
const ROUNDS = Number(process.env.CAPACITY_CPU_ROUNDS ?? (QUICK ? 1 : 3))

type Side = { label: string; server: ServerProcess; api: MixClients; countFile: string }
type Round = { serverMs: number; databaseMs: number; p50Ms: number; p99Ms: number; errors: number }

/** Runs `ops` in order, `IN_FLIGHT` at a time; the CPU each process used, an arrival. */
const runClosedLoop = async (side: Side, ops: readonly Operation[]): Promise<Round> => {
  const latencies: number[] = []
  const failures = new Map<string, number>()
  let next = 0
  const worker = async () => {
    while (next < ops.length) {
      const op = ops[next] as Operation
      next += 1
      const start = performance.now()
      try {
        await op.run(side.api)
        latencies.push(performance.now() - start)
      } catch (error) {
        const { code, appCode } = failureOf(error)
        const kind = `${op.name} ${code}/${appCode ?? '-'}`
        failures.set(kind, (failures.get(kind) ?? 0) + 1)
      }
    }
  }
  const before = { server: cpuSecondsOf(side.server.pid), database: descendantsCpuSeconds(side.server.pid) }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const serverSeconds = cpuSecondsOf(side.server.pid) - before.server
  const databaseSeconds = cpuSecondsBetween(before.database, descendantsCpuSeconds(side.server.pid))
  if (failures.size) console.error(`[capacity-cpu] ${side.label}: failures`, Object.fromEntries(failures))
  const sorted = latencies.sort((a, b) => a - b)
  return {
    serverMs: roundMs((serverSeconds * 1000) / ops.length),
    databaseMs: roundMs((databaseSeconds * 1000) / ops.length),
    p50Ms: roundMs(percentile(sorted, 50)),
    p99Ms: roundMs(percentile(sorted, 99)),
    errors: ops.length - latencies.length,
  }
}

/** The statements the server has sent so far (count-statements.mjs, on SIGUSR2). */
const statementsSoFar = async (side: Side): Promise<number> => {
  rmSync(side.countFile, { force: true })
  process.kill(side.server.pid, 'SIGUSR2')
  for (let i = 0; i < 50; i += 1) {
    await sleep(20)
    try {
      return Number(readFileSync(side.countFile, 'utf8'))
    } catch {
      // not written yet
    }
  }
  throw new Error(`${side.label}: no statement count`)
}

const median = (values: readonly number[]) =>
  roundMs(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
  )

const measure = async (sides: readonly Side[]) => {
  const mix = sequenceOf(ARRIVALS)
  for (const side of sides) await runClosedLoop(side, mix)
  const rounds = new Map<string, Round[]>(sides.map((side) => [side.label, []]))
  for (let round = 1; round <= ROUNDS; round += 1)
    for (const side of sides) {
      const result = await runClosedLoop(side, mix)
      rounds.get(side.label)?.push(result)
      console.log(
        JSON.stringify({
          measure: 'capacity-cpu.round',
          build: side.label,
          round,
          arrivals: ARRIVALS,
          inFlight: IN_FLIGHT,
          ...result,
        }),
      )
    }
  if (BY_KIND)
    for (const op of OPERATIONS)
      for (const side of sides) {
        const ops = Array.from({ length: Math.ceil(ARRIVALS / 3) }, () => op)
        const statementsBefore = await statementsSoFar(side)
        const result = await runClosedLoop(side, ops)
        const statements = (await statementsSoFar(side)) - statementsBefore
        console.log(
          JSON.stringify({
            measure: 'capacity-cpu.kind',
            build: side.label,
            kind: op.name,
            arrivals: ops.length,
            statementsPerArrival: Math.round((statements / ops.length) * 100) / 100,
            ...result,
          }),
        )
      }
  const summary = Object.fromEntries(
    sides.map((side) => {
      const results = rounds.get(side.label) ?? []
      return [
        side.label,
        {
          serverMs: median(results.map((r) => r.serverMs)),
          databaseMs: median(results.map((r) => r.databaseMs)),
          p99Ms: median(results.map((r) => r.p99Ms)),
        },
      ]
    }),
  )
  const [current, baseline] = sides.map((side) => summary[side.label])
  const ratio =
    current && baseline
      ? {
          server: Math.round((current.serverMs / baseline.serverMs) * 100) / 100,
          database: Math.round((current.databaseMs / baseline.databaseMs) * 100) / 100,
        }
      : undefined
  console.log(
    JSON.stringify({ measure: 'capacity-cpu', rounds: ROUNDS, medians: summary, ...(ratio ? { ratio } : {}) }),
  )
  const errors = [...rounds.values()].flat().some((r) => r.errors > 0)
  if (errors) process.exitCode = 1
}

/** Starts each checkout's story server in turn, nested, and measures them together. */
const withServers = async (roots: readonly { label: string; root: string }[], started: Side[] = []): Promise<void> => {
  const [first, ...rest] = roots
  if (!first) return measure(started)
  const countFile = path.join(tmpdir(), `pdrl-statements-${process.pid}-${started.length}`)
  const env = {
    ...NO_RATE_LIMITS,
    ...(BY_KIND
      ? {
          STATEMENT_COUNT_FILE: countFile,
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${path.join(ROOT, 'bench/count-statements.mjs')}`,
        }
      : {}),
  }
  await withStoryServer(
    `capacity-cpu-${started.length}`,
    env,
    async (server) => {
      const side = { label: first.label, server, api: await mixClients(server.url), countFile }
      await withServers(rest, [...started, side])
    },
    { isCompiled: true, root: first.root },
  )
  rmSync(countFile, { force: true })
}

const ensureBuilt = (root: string) => {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.mjs'), 'server'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error(`the server in ${root} could not be built`)
}

const main = async () => {
  ensureBuilt(ROOT)
  const ref = process.env.CAPACITY_BASELINE_REF
  let built: BaselineBuild | undefined
  try {
    built = ref ? await buildServerBaseline(ref) : undefined
    const baselineDir = built?.checkout ?? process.env.CAPACITY_BASELINE_DIR
    if (baselineDir && !built) ensureBuilt(baselineDir)
    await withServers([
      { label: 'this checkout', root: ROOT },
      ...(baselineDir ? [{ label: built ? `${built.ref} (${built.commit})` : 'baseline', root: baselineDir }] : []),
    ])
  } finally {
    await built?.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
