// The 前跃村 story replayed through the API must add up to the ¥44,000 of the report, everywhere
// the app shows it: stats.summary, the activity page, the donation ledger.
import { beforeAll, describe, expect, it } from 'vitest'
import { formatFen, formatFenWan } from '../../common/money'
import { LAW_FIRMS } from '../../prisma/seed/reference-data'
import { PARTY_DAY, replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import { createWorld, type World } from '../helpers/world'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
})

describe('the 前跃村 party day of 2025-01-23', () => {
  it('gives 4,400,000 fen in stats.summary, ¥8,000 in goods and ¥36,000 in cash', async () => {
    const summary = await world.secretary.stats.summary({})
    expect(summary.totals.totalFen).toBe(STORY_DONATIONS_FEN)
    expect(summary.totals).toMatchObject(STORY_MONEY)
    expect(summary.totals.donationCount).toBe(8)
    expect(summary.totals.donorCount).toBe(8)
    expect(formatFen(summary.totals.totalFen)).toBe('¥44,000.00')
    expect(formatFenWan(summary.totals.totalFen)).toBe('4.4万元')
  })

  it('breaks the total down by activity, village and donor', async () => {
    const summary = await world.admin.stats.summary({})
    const [partyDay] = summary.byActivity
    expect(partyDay).toMatchObject({ activityId: story.activityId, heldOn: PARTY_DAY, totalFen: STORY_DONATIONS_FEN })
    expect(partyDay?.householdsVisited).toBe(4)
    expect(partyDay?.visitCount).toBe(5)
    expect(summary.byVillage.find((v) => v.name === '前跃村')?.totalFen).toBe(STORY_DONATIONS_FEN)
    expect(summary.byDonor).toHaveLength(8)
    expect(summary.byDonor.map((d) => d.donorName)).toEqual(
      expect.arrayContaining(['西宁市司法局机关党支部', ...LAW_FIRMS.map((f) => `${f}党支部`)]),
    )
    expect(summary.byDonor.reduce((sum, d) => sum + d.totalFen, 0)).toBe(STORY_DONATIONS_FEN)
  })

  it('shows the same total, attendance and orgs on the activity page', async () => {
    const activity = await world.secretary.activity.byId({ id: story.activityId })
    expect(activity.totals.totalFen).toBe(STORY_DONATIONS_FEN)
    expect(activity.totals.householdsVisited).toBe(4)
    expect(activity.totals.handedOverCashFen).toBe(4 * 50_000)
    expect(activity.totals.needsRaised).toBe(1)
    expect(activity.orgs).toHaveLength(8)
    expect(activity).toMatchObject({ expectedCount: 20, presentCount: 18, status: 'PUBLISHED', canEdit: true })
    expect(activity.absences.map((a) => a.reason)).toEqual(expect.arrayContaining(['病假']))
  })

  it('reconciles the donation ledger to the fen', async () => {
    const ledger = await world.secretary.donation.list({ activityId: story.activityId, limit: 100 })
    expect(ledger.items).toHaveLength(8)
    expect(ledger.items.reduce((sum, d) => sum + d.amountFen, 0)).toBe(STORY_DONATIONS_FEN)
    expect(ledger.totals.totalFen).toBe(STORY_DONATIONS_FEN)
    const goods = ledger.items.find((d) => d.kind === 'GOODS')
    expect(goods?.goods.map((g) => `${g.item}${g.quantity}${g.unit}`)).toEqual(['大米40袋', '面粉40袋', '食用油20桶'])
  })

  it('records what each visited household received', async () => {
    const household = await world.cadre.household.byId({ id: story.households.马德林 as string })
    expect(household.visits).toHaveLength(1)
    expect(household.visits[0]?.goods.map((g) => g.item)).toEqual(['大米', '面粉', '食用油'])
    expect(household.helpReceived).toMatchObject({ visitCashFen: 50_000, visitGoodsValueFen: 22_500, totalFen: 72_500 })
  })

  it('puts the needs on the board, overdue first', async () => {
    const board = await world.cadre.need.list({ isOpen: true })
    expect(board.items.length).toBeGreaterThanOrEqual(3)
    expect(board.items[0]).toMatchObject({ isOverdue: true })
    const statuses = (await world.admin.stats.summary({})).totals.needsByStatus
    expect(statuses.FOLLOWED_UP).toBe(1)
    expect(statuses.TRANSFERRED).toBe(1)
  })
})
