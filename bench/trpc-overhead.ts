// tRPC overhead: a typical query (a 驻村干部's household list, 20 rows) through tRPC on Fastify,
// against a bare Fastify route doing the same sign-in, validation and service call in the same
// process on the same pool (bench/trpc-overhead-server.ts). Two tRPC sides: the server as it runs
// (`trpc`: the app's calls answered by server/http/trpc-plain-calls.ts) and a twin whose every call
// goes through tRPC's resolveResponse (`stock`). autocannon on loopback, the three taking turns in
// rounds so that drift on a shared machine hits all alike. Reports each side's median req/s,
// latency and the server's CPU time per request (from /proc: what a busy machine disturbs least)
// over the rounds, and each tRPC side's ratio to the bare route (goal ≥ 0.90), as one JSON line.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { householdInput, newClientMutationId } from '../tests/helpers/factories'
import { apiClient, RELIABILITY_PASSWORD, ROOT } from '../tests/reliability/server-process'
import { percentile } from './stats'

const QUICK = process.argv.includes('--quick')
const ROUNDS = QUICK ? 2 : 5
const SECONDS = QUICK ? 3 : 10
const CONNECTIONS = 10
const ROWS = 20

type Side = 'trpc' | 'stock' | 'bare'
const SIDES: readonly Side[] = ['trpc', 'stock', 'bare']
type Round = { requestsPerSecond: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: number; errors: number }

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
const cpuMsOf = async (pid: number) => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // The fields after the command's closing parenthesis start with the third, state; utime and
  // stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

const startServers = async (dataDir: string) => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/trpc-overhead-server.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'households',
      SEED_DEMO_PASSWORD: RELIABILITY_PASSWORD,
      H5_DIST_DIR: path.join(dataDir, 'no-h5'),
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    },
  })
  const lines = createInterface({ input: child.stdout })
  for await (const line of lines) {
    if (!line.startsWith('{"trpcUrl"')) continue
    const urls = JSON.parse(line) as { trpcUrl: string; stockUrl: string; bareUrl: string }
    return {
      ...urls,
      pid: child.pid ?? 0,
      stop: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM')),
    }
  }
  throw new Error('the benchmark server exited before it was ready')
}

const main = async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-overhead-'))
  const servers = await startServers(dataDir)
  try {
    const { token } = await apiClient(servers.trpcUrl).auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.cadre.phone,
      password: RELIABILITY_PASSWORD,
    })
    const cadre = apiClient(servers.trpcUrl, token)
    const { villages } = await cadre.auth.me.query()
    const villageId = villages[0]?.id
    if (!villageId) throw new Error('the cadre has no village')
    // Enough households that the page is full.
    const existing = (await cadre.household.list.query({ limit: 100 })).items.length
    for (let i = existing; i < ROWS; i += 1)
      await cadre.household.create.mutate({ ...householdInput(villageId), clientMutationId: newClientMutationId() })

    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    // As the app's httpBatchLink sends it: POST, the wire format (plain JSON here), a batch of one.
    const trpcCall = (base: string) => ({
      url: `${base}/trpc/household.list?batch=1`,
      body: JSON.stringify({ 0: { limit: ROWS } }),
    })
    const requests: Record<Side, { url: string; body: string }> = {
      trpc: trpcCall(servers.trpcUrl),
      stock: trpcCall(servers.stockUrl),
      bare: { url: `${servers.bareUrl}/trpc/bare.household.list`, body: JSON.stringify({ limit: ROWS }) },
    }
    // All answer the same 20 rows before anything is timed.
    for (const side of SIDES) {
      const response = await fetch(requests[side].url, { method: 'POST', headers, body: requests[side].body })
      const body = (await response.json()) as unknown
      const items =
        side === 'bare'
          ? (body as { items: unknown[] }).items
          : (body as [{ result: { data: { items: unknown[] } } }])[0].result.data.items
      if (response.status !== 200 || items.length !== ROWS)
        throw new Error(`${side}: ${response.status}, ${items?.length} rows`)
    }

    const run = async (side: Side): Promise<Round> => {
      const cpuBefore = await cpuMsOf(servers.pid)
      const result = await autocannon({
        url: requests[side].url,
        method: 'POST',
        headers,
        body: requests[side].body,
        connections: CONNECTIONS,
        duration: SECONDS,
      })
      return {
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        cpuMsPerRequest: ((await cpuMsOf(servers.pid)) - cpuBefore) / Math.max(1, result.requests.total),
        errors: result.errors + result.non2xx + result.timeouts,
      }
    }
    for (const side of SIDES) await run(side) // warm-up: JIT, pool, caches
    const rounds: Record<Side, Round[]> = { trpc: [], stock: [], bare: [] }
    for (let i = 0; i < ROUNDS; i += 1) {
      // Each side first, second and last in turn.
      for (const [k] of SIDES.entries()) {
        const side = SIDES[(i + k) % SIDES.length] as Side
        rounds[side].push(await run(side))
      }
    }
    const median = (side: Side, key: keyof Round) =>
      percentile(
        rounds[side].map((r) => r[key]).sort((a, b) => a - b),
        50,
      )
    const summary = (side: Side) => ({
      requestsPerSecond: Math.round(median(side, 'requestsPerSecond')),
      p50Ms: median(side, 'p50Ms'),
      p99Ms: median(side, 'p99Ms'),
      cpuMsPerRequest: Math.round(median(side, 'cpuMsPerRequest') * 100) / 100,
      errors: rounds[side].reduce((sum, r) => sum + r.errors, 0),
    })
    const ratioOf = (side: Side) => median(side, 'requestsPerSecond') / median('bare', 'requestsPerSecond')
    const ratio = ratioOf('trpc')
    console.log(
      JSON.stringify({
        measure: 'trpc.overhead',
        query: `household.list (${ROWS} rows, as a 驻村干部)`,
        rounds: ROUNDS,
        secondsPerRound: SECONDS,
        connections: CONNECTIONS,
        trpc: summary('trpc'),
        stock: summary('stock'),
        bare: summary('bare'),
        ratio: Math.round(ratio * 1000) / 1000,
        stockRatio: Math.round(ratioOf('stock') * 1000) / 1000,
        goalRatio: 0.9,
        withinGoal: ratio >= 0.9,
      }),
    )
  } finally {
    await servers.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

await main()
