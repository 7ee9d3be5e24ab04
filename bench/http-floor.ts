// The floor every call pays over HTTP before its own work: the real server as production runs it
// (production-server.ts: the build with `npm start`'s flags, a process of its own), autocannon on
// loopback with one connection, as one phone waits for each answer before it asks again. Measured: `/healthz` (no
// sign-in, one `SELECT 1`), and `auth.me` (sign-in, the per-user limit, the wire format; the
// procedure itself reads nothing more) as a secretary and a cadre of the 前跃村 story, sent as the
// app sends it (POST, JSON body, bearer token).
//
//   BENCH_DATABASE_URL  measure on that database (e.g. one filled by `npm run gen -- --scale
//                       province`), signing in as the accounts named by BENCH_SECRETARY_PHONE and
//                       BENCH_CADRE_PHONE with BENCH_PASSWORD; unset: a fresh embedded database
//                       with the demo story.
//
// One JSON line per call: median, p90, p99 in ms and calls a second; the goal for auth.me is a
// median of 2 ms and a p99 of 10 ms.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { wireFormat } from '../common/wire-format'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { apiClient, RELIABILITY_PASSWORD } from '../tests/reliability/server-process'
import { startProductionServer } from './production-server'

const QUICK = process.argv.includes('--quick')
const SECONDS = QUICK ? 3 : 10
const GOAL = { p50Ms: 2, p99Ms: 10 }

type Target = { name: string; path: string; method: 'GET' | 'POST'; token?: string; goal?: typeof GOAL }

const measure = async (url: string, target: Target) => {
  const result = await autocannon({
    url: `${url}${target.path}`,
    method: target.method,
    connections: 1,
    duration: SECONDS,
    headers: {
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
      ...(target.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(target.method === 'POST' ? { body: JSON.stringify(wireFormat.input.serialize(undefined)) } : {}),
  })
  const line = {
    measure: `http-floor.${target.name}`,
    seconds: SECONDS,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    ...(target.goal
      ? {
          goal: target.goal,
          isGoalMet: result.latency.p50 <= target.goal.p50Ms && result.latency.p99 <= target.goal.p99Ms,
        }
      : {}),
  }
  console.log(JSON.stringify(line))
  return line
}

const main = async () => {
  const external = process.env.BENCH_DATABASE_URL
  const dataDir = external ? null : await mkdtemp(path.join(tmpdir(), 'pdrl-bench-floor-'))
  const server = await startProductionServer(
    external
      ? { DATABASE_URL: external, FIELD_ENCRYPTION_KEY: process.env.BENCH_FIELD_ENCRYPTION_KEY }
      : { DATA_DIR: dataDir ?? undefined },
  )
  try {
    const password = process.env.BENCH_PASSWORD ?? RELIABILITY_PASSWORD
    const signIn = async (phone: string) =>
      (await apiClient(server.url).auth.loginWithPassword.mutate({ phone, password })).token
    const secretary = await signIn(process.env.BENCH_SECRETARY_PHONE ?? DEMO_ACCOUNTS.secretary.phone)
    const cadre = await signIn(process.env.BENCH_CADRE_PHONE ?? DEMO_ACCOUNTS.cadre.phone)
    const lines = []
    lines.push(await measure(server.url, { name: 'healthz', path: '/healthz', method: 'GET' }))
    for (const [name, token] of [
      ['auth.me.secretary', secretary],
      ['auth.me.cadre', cadre],
    ] as const) {
      lines.push(await measure(server.url, { name, path: '/trpc/auth.me', method: 'POST', token, goal: GOAL }))
    }
    if (lines.some((line) => line.errors > 0)) process.exitCode = 1
  } finally {
    await server.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
}

await main()
