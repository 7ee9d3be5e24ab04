// The server's start: how long from launch until /healthz answers, and how much memory it holds
// once idle. The build `npm start` runs (dist/server/main.mjs, built first if stale) and, for
// comparison in the same run, the sources under tsx. Each on a fresh embedded PostgreSQL: the
// first start (creating the cluster, migrating, seeding the story), then START_ROUNDS (3) starts
// on that existing database. Prints one JSON line per way of running it, medians of the rounds.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ROOT, startServerProcess } from '../tests/reliability/server-process'

const ROUNDS = Number(process.env.START_ROUNDS ?? (process.argv.includes('--quick') ? 1 : 3))
/** How long the server is left alone before its idle size is read. */
const SETTLE_MS = 3_000
const GOAL_HEALTHY_MS = 1_500
const GOAL_IDLE_MB = 150

const residentMB = (pid: number) => {
  const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1]
  return Math.round((Number(kb) / 1024) * 10) / 10
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** One start: launch to the first healthy answer, then the resident size once idle. */
const startOnce = async (dataDir: string, isCompiled: boolean) => {
  const started = performance.now()
  const server = await startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }, { isCompiled })
  try {
    const health = await fetch(`${server.url}/healthz`)
    if (!health.ok) throw new Error(`/healthz answered ${health.status}`)
    const healthyMs = Math.round(performance.now() - started)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    return { healthyMs, idleMB: residentMB(server.pid) }
  } finally {
    await server.stop()
  }
}

const measure = async (isCompiled: boolean) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-start-'))
  try {
    const first = await startOnce(dataDir, isCompiled)
    const rounds = []
    for (let i = 0; i < ROUNDS; i += 1) rounds.push(await startOnce(dataDir, isCompiled))
    const healthyMs = median(rounds.map((r) => r.healthyMs))
    const idleMB = median(rounds.map((r) => r.idleMB))
    console.log(
      JSON.stringify({
        measure: `start.${isCompiled ? 'compiled' : 'tsx'}`,
        rounds: ROUNDS,
        firstStartMs: first.healthyMs,
        firstStartIdleMB: first.idleMB,
        medianHealthyMs: healthyMs,
        medianIdleMB: idleMB,
        healthyMs: rounds.map((r) => r.healthyMs),
        idleMB: rounds.map((r) => r.idleMB),
        goalHealthyMs: GOAL_HEALTHY_MS,
        goalIdleMB: GOAL_IDLE_MB,
        withinGoal: healthyMs <= GOAL_HEALTHY_MS && idleMB <= GOAL_IDLE_MB,
      }),
    )
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'server'], { stdio: 'inherit' })
if (build.status !== 0) throw new Error('the server could not be built')
await measure(true)
await measure(false)
