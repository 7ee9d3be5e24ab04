// 对账 at province scale, over HTTP through authentication: the real server as production runs it
// (production-server.ts), `donation.reconciliation` sent as the app's batch link sends it (POST
// ?batch=1, the wire format, a bearer token), one call at a time as one phone waits for each answer:
//   - of the village with the most donations, as a 驻村干部 of it, as the 对账 screen asks for it
//     (src/package-handover/reconciliation/ReconciliationView.tsx): the totals and the donors;
//   - of the donor org with the most donations, across the province, as that org's 支部书记, as its
//     捐赠去向 screen asks for it (the same view, of `{ donorOrgId }`): the totals and where they
//     went, village by village.
// Each is also asked for with every part (the donations' own lines and all three groupings), as a
// client naming no parts gets it: no screen asks for that, so it has no goal, and shows what the
// parts cost. The handovers all read are the bench's own (bench/reconciliation-setup.ts: `npm run
// gen` makes none), made on the first run and kept.
//
//   BENCH_DATABASE_URL  as bench/dashboard.ts (BENCH_FIELD_ENCRYPTION_KEY, BENCH_PASSWORD); unset:
//                       county scale generated into a fresh embedded PostgreSQL.
//   BENCH_ITERATIONS    timed calls per view (200; 30 with --quick), after BENCH_WARMUP (20; 5).
//
// One JSON line per view: median, p95, p99 in ms beside the goal, a p95 of 50 ms.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { wireFormat } from '../common/wire-format'
import { apiClient } from '../tests/reliability/server-process'
import { ITERATIONS, openBenchWorld, WARMUP } from './dashboard'
import { startProductionServer } from './production-server'
import { reconciliationWorld } from './reconciliation-setup'
import { percentile, roundMs } from './stats'

const GOAL_P95_MS = 50

/** `goal`: false for a request no screen makes. */
type View = { measure: string; token: string; input: Record<string, unknown>; goal: boolean }

const main = async () => {
  if (!process.env.BENCH_DATABASE_URL) process.env.GEN_PASSWORD ??= 'bench-reconciliation-password'
  const world = await openBenchWorld()
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-reconciliation-'))
  const server = await startProductionServer({
    DATABASE_URL: world.url,
    FIELD_ENCRYPTION_KEY: world.fieldKey,
    DATA_DIR: dataDir,
  })
  try {
    const made = await reconciliationWorld(world.url)
    const password = process.env.BENCH_PASSWORD ?? process.env.GEN_PASSWORD ?? ''
    const signIn = async (id: string) => {
      const { phone } = await world.prisma.user.findUniqueOrThrow({ where: { id }, select: { phone: true } })
      return (await apiClient(server.url).auth.loginWithPassword.mutate({ phone: phone ?? '', password })).token
    }
    const cadre = await signIn(made.villageCadreId)
    const secretary = await signIn(made.donorSecretaryId)
    const village = { villageId: made.villageId }
    const donor = { donorOrgId: made.donorOrgId }
    const views: View[] = [
      { measure: 'reconciliation.village.cadre', token: cadre, input: { ...village, parts: ['byDonor'] }, goal: true },
      { measure: 'reconciliation.village.cadre.everything', token: cadre, input: village, goal: false },
      {
        measure: 'reconciliation.donor.secretary',
        token: secretary,
        input: { ...donor, parts: ['byVillage'] },
        goal: true,
      },
      { measure: 'reconciliation.donor.secretary.everything', token: secretary, input: donor, goal: false },
    ]
    for (const view of views) {
      const post = async () => {
        const response = await fetch(`${server.url}/trpc/donation.reconciliation?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${view.token}` },
          body: JSON.stringify({ 0: wireFormat.input.serialize(view.input) }),
        })
        const text = await response.text()
        if (!response.ok) throw new Error(`${view.measure}: HTTP ${response.status} ${text.slice(0, 300)}`)
        return text
      }
      // What the view holds, checked once: an empty 对账 would time nothing worth knowing.
      const answer = await apiClient(server.url, view.token).donation.reconciliation.query(view.input)
      const handovers = answer.totals.handoverCount
      const donations = answer.totals.donationCount
      if (!donations || !handovers) throw new Error(`${view.measure}: nothing to reconcile`)
      for (let i = 0; i < WARMUP; i++) await post()
      const samples: number[] = []
      let bytes = 0
      for (let i = 0; i < ITERATIONS; i++) {
        const started = performance.now()
        bytes = (await post()).length
        samples.push(performance.now() - started)
      }
      samples.sort((a, b) => a - b)
      const p95Ms = roundMs(percentile(samples, 95))
      console.log(
        JSON.stringify({
          measure: view.measure,
          scale: world.scale,
          iterations: ITERATIONS,
          donations,
          handovers,
          answerChars: bytes,
          medianMs: roundMs(percentile(samples, 50)),
          p95Ms,
          p99Ms: roundMs(percentile(samples, 99)),
          goalP95Ms: view.goal ? GOAL_P95_MS : null,
          withinGoal: view.goal ? p95Ms <= GOAL_P95_MS : null,
        }),
      )
    }
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
    await world.close()
  }
}

await main()
