// Random sequences of donations, handovers drawing on them, and voids of either: the server
// refuses exactly the over-draws and the voids a model of the balances refuses, and the 对账
// agrees with the model to the fen (totals, groups, each donation and each donation's recipients,
// and the handovers counted behind them) and with stats.summary on what was received; what live
// draws took, kept per donation for 对账, equals its recount from the draws.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
})

type Op =
  | { kind: 'donate'; fen: number }
  | { kind: 'handOver'; donation: number; fen: number }
  | { kind: 'voidHandover'; handover: number }
  | { kind: 'voidDonation'; donation: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('donate' as const), fen: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({
    kind: fc.constant('handOver' as const),
    donation: fc.nat(5),
    fen: fc.integer({ min: 1, max: 30_000 }),
  }),
  fc.record({ kind: fc.constant('voidHandover' as const), handover: fc.nat(8) }),
  fc.record({ kind: fc.constant('voidDonation' as const), donation: fc.nat(5) }),
)

type ModelDonation = { id: string; version: number; fen: number; isVoided: boolean }
type ModelHandover = { id: string; version: number; donation: ModelDonation; fen: number; isVoided: boolean }

const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (error: { cause?: { code?: string } }) => error.cause?.code ?? 'error',
  )

describe('对账 over random sequences', () => {
  it('matches a model of the balances, and stats.summary', async () => {
    const { qianyue } = world.ref.villages
    const bureau = world.ref.orgs.bureauBranch.id
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const activity = await world.secretary.activity.create(activityInput(bureau, { villageId: qianyue.id }))
        const donations: ModelDonation[] = []
        const handovers: ModelHandover[] = []
        const drawnFrom = (d: ModelDonation) =>
          handovers.filter((h) => h.donation === d && !h.isVoided).reduce((sum, h) => sum + h.fen, 0)
        for (const step of ops) {
          if (step.kind === 'donate') {
            const made = await world.secretary.donation.create(
              cashDonationInput(qianyue.id, step.fen, { activityId: activity.id }),
            )
            donations.push({ id: made.id, version: made.version, fen: step.fen, isVoided: false })
          } else if (step.kind === 'handOver') {
            const d = donations[step.donation]
            if (!d) continue
            const expected = d.isVoided
              ? 'VALIDATION_FAILED'
              : step.fen > d.fen - drawnFrom(d)
                ? 'DONATION_OVERDRAWN'
                : 'ok'
            let made: { id: string; version: number } | undefined
            const got = await outcome(
              world.secretary.handover
                .create({
                  recipientKind: 'HOUSEHOLD',
                  householdId,
                  activityId: activity.id,
                  handedOverOn: '2025-03-01',
                  cashFen: step.fen,
                  draws: [{ donationId: d.id, cashFen: step.fen }],
                })
                .then((h) => {
                  made = h
                }),
            )
            expect(got).toBe(expected)
            if (made) handovers.push({ ...made, donation: d, fen: step.fen, isVoided: false })
          } else if (step.kind === 'voidHandover') {
            const h = handovers[step.handover]
            if (!h || h.isVoided) continue
            await world.secretary.handover.void({ id: h.id, version: h.version, reason: '登记有误' })
            h.isVoided = true
          } else {
            const d = donations[step.donation]
            if (!d || d.isVoided) continue
            const expected = drawnFrom(d) > 0 ? 'DONATION_HAS_HANDOVERS' : 'ok'
            const got = await outcome(
              world.secretary.donation.void({ id: d.id, version: d.version, reason: '重复登记' }),
            )
            expect(got).toBe(expected)
            if (got === 'ok') d.isVoided = true
          }
        }
        const live = donations.filter((d) => !d.isVoided)
        const received = live.reduce((sum, d) => sum + d.fen, 0)
        const handedOver = live.reduce((sum, d) => sum + drawnFrom(d), 0)
        const r = await world.secretary.donation.reconciliation({ activityId: activity.id })
        expect(r.totals.received.totalFen).toBe(received)
        expect(r.totals.handedOver.totalFen).toBe(handedOver)
        expect(r.totals.balance.totalFen).toBe(received - handedOver)
        const liveHandovers = handovers.filter((h) => !h.isVoided)
        expect(r.totals.handoverCount).toBe(liveHandovers.length)
        expect(r.totals.recipientCount).toBe(liveHandovers.length ? 1 : 0)
        expect(r.byActivity?.items.map((g) => [g.handoverCount, g.handedOver.totalFen])).toEqual(
          live.length ? [[liveHandovers.length, handedOver]] : [],
        )
        for (const d of live) {
          const reconciled = r.donations?.items.find((x) => x.id === d.id)
          expect(reconciled?.balance.cashFen).toBe(d.fen - drawnFrom(d))
          const own = liveHandovers.filter((h) => h.donation === d)
          expect(reconciled?.handoverCount).toBe(own.length)
          const { recipients } = await world.secretary.donation.reconciliation({ donationId: d.id, limit: 100 })
          expect(recipients?.items.map((x) => [x.handoverId, x.handedOver.cashFen]).sort()).toEqual(
            own.map((h) => [h.id, h.fen]).sort(),
          )
        }
        const summary = await world.secretary.stats.summary({ activityId: activity.id })
        expect(summary.totals.totalFen).toBe(received)
        expect(await world.deps.prisma.$queryRaw`SELECT * FROM drawn_totals_diff()`).toEqual([])
      }),
      { numRuns: 15 },
    )
  })
})
