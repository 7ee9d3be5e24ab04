// Load: LOAD_CLIENTS (200) concurrent clients on loopback for LOAD_SECONDS (60) against the real
// server (a subprocess on a fresh embedded PostgreSQL with the 前跃村 story), each looping over a
// mix of reads and writes as the app makes them: 工作台 totals, lists, a donation or a need.
// Reports requests, errors, throughput and latency percentiles as one JSON line.
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { type ApiClient, apiClient, failureOf, RELIABILITY_PASSWORD } from '../tests/reliability/server-process'
import { createDonation, createNeed, pick } from './mix-writes'
import { percentile, roundMs } from './stats'
import { NO_RATE_LIMITS, withStoryServer } from './story-server'

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)

type Operation = { name: string; weight: number; run: (api: ApiClients) => Promise<unknown> }
type ApiClients = { secretary: ApiClient; cadre: ApiClient; villageId: string; householdIds: string[] }

/** About 80% reads, 20% writes. */
const OPERATIONS: Operation[] = [
  { name: 'stats.summary', weight: 25, run: ({ secretary }) => secretary.stats.summary.query({}) },
  { name: 'activity.list', weight: 15, run: ({ secretary }) => secretary.activity.list.query({}) },
  { name: 'donation.list', weight: 15, run: ({ secretary }) => secretary.donation.list.query({}) },
  { name: 'household.list', weight: 15, run: ({ cadre }) => cadre.household.list.query({}) },
  { name: 'need.list', weight: 10, run: ({ cadre }) => cadre.need.list.query({}) },
  { name: 'donation.create', weight: 12, run: ({ secretary, villageId }) => createDonation(secretary, villageId) },
  { name: 'need.create', weight: 8, run: ({ cadre, householdIds }) => createNeed(cadre, householdIds) },
]

const WEIGHTED = OPERATIONS.flatMap((op) => Array.from({ length: op.weight }, () => op))

const main = () =>
  withStoryServer(
    'load',
    { ...NO_RATE_LIMITS, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20' },
    async (server) => {
      // Each simulated client is a device of its own (its own connection and batching), signed in
      // as the secretary or the cadre.
      const tokenOf = async (phone: string) =>
        (await apiClient(server.url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD })).token
      const secretaryToken = await tokenOf(DEMO_ACCOUNTS.secretary.phone)
      const cadreToken = await tokenOf(DEMO_ACCOUNTS.cadre.phone)
      const setup = apiClient(server.url, cadreToken)
      const villageId = (await setup.auth.me.query()).villages[0]?.id ?? ''
      const householdIds = (await setup.household.list.query({ limit: 100 })).items.map((h) => h.id)
      const device = (): ApiClients => ({
        secretary: apiClient(server.url, secretaryToken),
        cadre: apiClient(server.url, cadreToken),
        villageId,
        householdIds,
      })

      const latencies: number[] = []
      const byOperation = new Map<string, number[]>()
      const errors = new Map<string, number>()
      const deadline = Date.now() + SECONDS * 1000
      const started = Date.now()
      const client = async () => {
        const api = device()
        while (Date.now() < deadline) {
          const op = pick(WEIGHTED)
          const t0 = performance.now()
          try {
            await op.run(api)
            const ms = performance.now() - t0
            latencies.push(ms)
            const samples = byOperation.get(op.name)
            if (samples) samples.push(ms)
            else byOperation.set(op.name, [ms])
          } catch (error) {
            const { code, appCode } = failureOf(error)
            const key = `${op.name} ${code}/${appCode ?? '-'}`
            errors.set(key, (errors.get(key) ?? 0) + 1)
          }
        }
      }
      await Promise.all(Array.from({ length: CLIENTS }, client))
      const elapsed = (Date.now() - started) / 1000
      latencies.sort((a, b) => a - b)
      const report = {
        clients: CLIENTS,
        seconds: Math.round(elapsed),
        requests: latencies.length,
        errors: [...errors.values()].reduce((a, b) => a + b, 0),
        requestsPerSecond: Math.round(latencies.length / elapsed),
        p50Ms: roundMs(percentile(latencies, 50)),
        p95Ms: roundMs(percentile(latencies, 95)),
        p99Ms: roundMs(percentile(latencies, 99)),
        maxMs: roundMs(latencies.at(-1) ?? 0),
        p50ByOperationMs: Object.fromEntries(
          [...byOperation].map(([name, values]) => [
            name,
            roundMs(
              percentile(
                values.sort((a, b) => a - b),
                50,
              ),
            ),
          ]),
        ),
        errorsByKind: Object.fromEntries(errors),
      }
      console.log(JSON.stringify(report))
      if (report.errors) process.exitCode = 1
    },
  )

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
