// The breakdowns the 统计 page charts: donations per month, visits per village, needs by status
// and category, the top donors. They come from stats.summary, in the caller's scope.
import { beforeAll, describe, expect, it } from 'vitest'
import { NEED_CATEGORIES, NEED_STATUSES } from '../../common/enums'
import { replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import { cashDonationInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
  await replayStory({ ref: world.ref, callerFor: world.as })
  const qianyue = world.ref.villages.qianyue.id
  // Two later gifts: March, leaving February empty, and one that is voided.
  await world.secretary.donation.create(cashDonationInput(qianyue, 123_456, { receivedOn: '2025-03-31' }))
  const voided = await world.secretary.donation.create(
    cashDonationInput(qianyue, 999_900, { receivedOn: '2025-03-01' }),
  )
  await world.secretary.donation.void({ id: voided.id, version: voided.version, reason: '重复登记' })
})

describe('stats.summary for the charts', () => {
  it('gives donations per month, cash and goods apart, with the empty month between', async () => {
    const { byMonth } = await world.secretary.stats.summary({})
    expect(byMonth).toEqual([
      { month: '2025-01', ...STORY_MONEY, totalFen: STORY_DONATIONS_FEN, donationCount: 8 },
      { month: '2025-02', cashFen: 0, goodsValueFen: 0, totalFen: 0, donationCount: 0 },
      { month: '2025-03', cashFen: 123_456, goodsValueFen: 0, totalFen: 123_456, donationCount: 1 },
    ])
  })

  it('keeps to the dates asked for', async () => {
    const { byMonth } = await world.secretary.stats.summary({ from: '2025-02-01' })
    expect(byMonth.map((m) => m.month)).toEqual(['2025-03'])
  })

  it('counts needs by category as by status, every key present', async () => {
    const { totals } = await world.cadre.stats.summary({})
    expect(Object.keys(totals.needsByCategory).sort()).toEqual([...NEED_CATEGORIES].sort())
    const byCategory = Object.values(totals.needsByCategory).reduce((a, b) => a + b, 0)
    const byStatus = NEED_STATUSES.reduce((sum, s) => sum + totals.needsByStatus[s], 0)
    expect(byCategory).toBeGreaterThan(0)
    expect(byCategory).toBe(byStatus)
  })

  it('ranks the visited villages by visits for the visits chart', async () => {
    const { byVillageVisits } = await world.admin.stats.summary({})
    expect(byVillageVisits[0]).toMatchObject({ name: '前跃村', visitCount: 5, householdsVisited: 4 })
    const counts = byVillageVisits.map((v) => v.visitCount)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })

  it('ranks the top donors, largest first, within `top`', async () => {
    const { byDonor } = await world.secretary.stats.summary({ top: 3 })
    expect(byDonor).toHaveLength(3)
    expect(byDonor[0]?.totalFen).toBeGreaterThanOrEqual(byDonor[2]?.totalFen ?? 0)
  })

  it("shows another village's cadre only their own village's need", async () => {
    const summary = await world.otherCadre.stats.summary({})
    expect(summary.byMonth).toEqual([])
    expect(summary.byVillageVisits).toEqual([])
    const counted = Object.entries(summary.totals.needsByCategory).filter(([, n]) => n > 0)
    expect(counted).toEqual([['MEDICAL', 1]])
  })
})
