// 发放签收: handovers drawing on donations, refused beyond what a donation holds, voided with a
// reason, confirmed by the household, and the 对账 of the 前跃村 story to a ¥0.00 balance.
import { beforeAll, describe, expect, it } from 'vitest'
import type {
  TDonationReconciliation,
  TReconciliationGroup,
} from '../../common/contracts/donation/donation-reconciliation'
import { formatFen } from '../../common/money'
import { replayStory, STORY_DONATIONS_FEN, STORY_MONEY } from '../../prisma/seed/story'
import { CHINESE, failureOf } from '../helpers/errors'
import { cashDonationInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let story: Awaited<ReturnType<typeof replayStory>>

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
})

const qianyue = () => world.ref.villages.qianyue.id

/** The parts of an answer to a request that names none: all of them. */
const partsOf = (r: TDonationReconciliation) => {
  const { donations, byActivity, byVillage, byDonor } = r
  if (!donations || !byActivity || !byVillage || !byDonor) throw new Error('a request naming no parts gets them all')
  return { donations, activity: byActivity, village: byVillage, donor: byDonor }
}
const household = (name: string) => story.households[name] as string

describe('the story reconciles', () => {
  it('hands over all ¥44,000 of the party day: received, handed over, balance ¥0.00', async () => {
    const r = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    expect(partsOf(r).donations.items).toHaveLength(8)
    expect(r.totals.received).toMatchObject({ ...STORY_MONEY, totalFen: STORY_DONATIONS_FEN })
    expect(r.totals.handedOver).toMatchObject({ ...STORY_MONEY, totalFen: STORY_DONATIONS_FEN })
    expect(formatFen(r.totals.balance.totalFen)).toBe('¥0.00')
    expect(r.totals.balance.goods.map((g) => [g.item, g.quantity, g.valueFen])).toEqual([
      ['大米', 0, 0],
      ['面粉', 0, 0],
      ['食用油', 0, 0],
    ])
    const { activity, village, donor } = partsOf(r)
    for (const group of [...activity.items, ...village.items]) expect(group.balance.totalFen).toBe(0)
    expect(donor.items).toHaveLength(8)
    for (const d of donor.items) expect(d.balance.totalFen).toBe(0)
  })

  it('counts the households behind each figure, and names them donation by donation, a page at a time', async () => {
    const r = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    const [activity] = partsOf(r).activity.items
    expect(activity).toMatchObject({ handoverCount: 10, recipientCount: 6, donationCount: 8 })
    expect(activity?.handoverFilter).toEqual({ activityId: story.activityId })
    const listed = await world.secretary.handover.list({ ...activity?.handoverFilter, limit: 100 })
    expect(listed.items).toHaveLength(activity?.handoverCount ?? -1)
    const recipients = []
    for (const d of partsOf(r).donations.items) {
      let cursor: string | null = null
      do {
        const page = await world.secretary.donation.reconciliation({ donationId: d.id, cursor, limit: 2 })
        recipients.push(...(page.recipients?.items ?? []))
        cursor = page.recipients?.nextCursor ?? null
      } while (cursor)
    }
    const names = new Set(recipients.map((x) => x.household?.headName ?? x.cadre?.displayName))
    expect([...names].sort()).toEqual(['星占林', '李振华', '李桂兰', '祁有才', '韩永福', '马德林'].sort())
    expect(recipients.reduce((sum, x) => sum + x.handedOver.totalFen, 0)).toBe(r.totals.handedOver.totalFen)
    const ma = recipients.filter((x) => x.household?.headName === '马德林')
    const maFen = ma.reduce((sum, x) => sum + x.handedOver.totalFen, 0)
    expect(maFen).toBe(50_000 + 22_500 + 680_000)
  })

  it('pages the donations’ own lines, the totals and groups always of all of them', async () => {
    const all = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await world.secretary.donation.reconciliation({ activityId: story.activityId, cursor, limit: 3 })
      expect(page.totals).toEqual(all.totals)
      expect(partsOf(page).donor.items).toEqual(partsOf(all).donor.items.slice(0, 3))
      expect(partsOf(page).donor.count).toBe(partsOf(all).donor.count)
      seen.push(...partsOf(page).donations.items.map((d) => d.id))
      cursor = partsOf(page).donations.nextCursor
    } while (cursor)
    expect(seen).toEqual(partsOf(all).donations.items.map((d) => d.id))
  })

  it('carries only the parts a request names, each as the full answer has it', async () => {
    const all = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    const of = { activityId: story.activityId }
    const donors = await world.secretary.donation.reconciliation({ ...of, parts: ['byDonor'] })
    expect(donors).toEqual({ ...all, donations: null, byActivity: null, byVillage: null })
    const totals = await world.secretary.donation.reconciliation({ ...of, parts: [] })
    expect(totals).toEqual({ ...all, donations: null, byActivity: null, byVillage: null, byDonor: null })
    const lines = await world.secretary.donation.reconciliation({ ...of, parts: ['byVillage', 'donations'] })
    expect(lines).toEqual({ ...all, byActivity: null, byDonor: null })
    // One donation's recipients come with or without its line.
    const [first] = partsOf(all).donations.items
    const one = await world.secretary.donation.reconciliation({ donationId: first?.id, parts: [] })
    const whole = await world.secretary.donation.reconciliation({ donationId: first?.id })
    expect(one.recipients?.items.length).toBeGreaterThan(0)
    expect(one).toEqual({ ...whole, donations: null, byActivity: null, byVillage: null, byDonor: null })
  })

  it('pages each grouping, every group’s figures adding up to the totals', async () => {
    const all = await world.secretary.donation.reconciliation({ activityId: story.activityId, limit: 100 })
    expect(all.totals.donationCount).toBe(8)
    for (const by of ['activity', 'village', 'donor'] as const) {
      const first = partsOf(all)[by]
      expect(first.nextCursor).toBeNull()
      const seen: TReconciliationGroup[] = []
      let cursor: string | null = null
      do {
        const page = await world.secretary.donation.reconciliationGroups({
          activityId: story.activityId,
          by,
          cursor,
          limit: 3,
        })
        expect(page.count).toBe(first.count)
        expect(page.items.length).toBeLessThanOrEqual(3)
        seen.push(...page.items)
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual(first.items)
      expect(seen).toHaveLength(first.count)
      const add = (pick: (g: TReconciliationGroup) => number) => seen.reduce((sum, g) => sum + pick(g), 0)
      expect(add((g) => g.donationCount)).toBe(all.totals.donationCount)
      expect(add((g) => g.received.totalFen)).toBe(all.totals.received.totalFen)
      expect(add((g) => g.handedOver.cashFen)).toBe(all.totals.handedOver.cashFen)
      expect(add((g) => g.balance.goodsValueFen)).toBe(all.totals.balance.goodsValueFen)
    }
    const lines = partsOf(all).donations.items
    const sum = (pick: (d: (typeof lines)[number]) => number) => lines.reduce((total, d) => total + pick(d), 0)
    expect(sum((d) => d.received.totalFen)).toBe(all.totals.received.totalFen)
    expect(sum((d) => d.handedOver.totalFen)).toBe(all.totals.handedOver.totalFen)
  })

  it('keeps every visit’s goods and 慰问金 as its handover, and 马德林 has signed for his', async () => {
    const list = await world.cadre.handover.list({ activityId: story.activityId, limit: 100 })
    expect(list.items).toHaveLength(4 + 5 + 1)
    const visits = list.items.filter((h) => h.visitId)
    expect(visits).toHaveLength(4)
    for (const h of visits) expect(h).toMatchObject({ cashFen: 50_000, goodsValueFen: 22_500 })
    const ma = list.items.filter((h) => h.household?.id === household('马德林'))
    expect(ma.map((h) => h.state)).toEqual(['CONFIRMED', 'CONFIRMED'])
    expect(list.items.filter((h) => h.state === 'PENDING')).toHaveLength(8)
  })
})

describe('drawing on donations', () => {
  const newCashDonation = (amountFen: number) =>
    world.secretary.donation.create(cashDonationInput(qianyue(), amountFen, { receivedOn: '2025-03-01' }))

  it('refuses to draw more cash than a donation holds, to the fen, in Chinese', async () => {
    const donation = await newCashDonation(10_000)
    const handOver = (cashFen: number) =>
      world.secretary.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household('李桂兰'),
        handedOverOn: '2025-03-02',
        cashFen,
        draws: [{ donationId: donation.id, cashFen }],
      })
    await handOver(6_000)
    const refused = await failureOf(handOver(4_001))
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'DONATION_OVERDRAWN' })
    expect(refused.message).toMatch(CHINESE)
    expect(refused.message).toContain('¥40.00')
    await handOver(4_000)
    const r = await world.secretary.donation.reconciliation({ donationId: donation.id })
    expect(r.totals.balance.totalFen).toBe(0)
  })

  it('refuses to draw more of a goods item than the donation has left', async () => {
    const r = await world.secretary.donation.reconciliation({ activityId: story.activityId })
    const goods = partsOf(r).donations.items.find((d) => d.kind === 'GOODS')
    const donation = await world.secretary.donation.byId({ id: goods?.id as string })
    const rice = donation.goods.find((g) => g.item === '大米')
    const refused = await failureOf(
      world.secretary.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household('韩永福'),
        handedOverOn: '2025-03-02',
        goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 }],
        draws: [{ donationId: donation.id, donationGoodsId: rice?.id, quantity: 1 }],
      }),
    )
    expect(refused).toMatchObject({ appCode: 'DONATION_OVERDRAWN' })
    expect(refused.message).toContain('只剩 0 袋')
  })

  it('refuses to void a donation that handovers draw on, until they are voided', async () => {
    const donation = await newCashDonation(20_000)
    const handover = await world.secretary.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: household('祁有才'),
      handedOverOn: '2025-03-03',
      cashFen: 20_000,
      draws: [{ donationId: donation.id, cashFen: 20_000 }],
    })
    const refused = await failureOf(
      world.secretary.donation.void({ id: donation.id, version: donation.version, reason: '重复登记' }),
    )
    expect(refused).toMatchObject({ code: 'CONFLICT', appCode: 'DONATION_HAS_HANDOVERS' })
    expect(refused.message).toMatch(CHINESE)
    const voided = await world.secretary.handover.void({
      id: handover.id,
      version: handover.version,
      reason: '录错了户',
    })
    expect(voided.isVoided).toBe(true)
    const back = await world.secretary.donation.reconciliation({ donationId: donation.id })
    expect(back.totals.balance.cashFen).toBe(20_000)
    await world.secretary.donation.void({ id: donation.id, version: donation.version, reason: '重复登记' })
  })

  it('refuses draws beyond what the handover itself hands over', async () => {
    const donation = await newCashDonation(50_000)
    const refused = await failureOf(
      world.secretary.handover.create({
        recipientKind: 'HOUSEHOLD',
        householdId: household('祁有才'),
        handedOverOn: '2025-03-03',
        cashFen: 10_000,
        draws: [{ donationId: donation.id, cashFen: 20_000 }],
      }),
    )
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' })
  })
})

describe('签收 and corrections', () => {
  it('a dispute becomes a need for the cadre', async () => {
    const made = await world.cadre.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: household('马德林'),
      handedOverOn: '2025-04-01',
      goods: [{ item: '棉被', quantity: 2, unit: '床', unitValueFen: 15_000 }],
    })
    expect(made.state).toBe('PENDING')
    const answered = await (await world.as(world.ref.users.resident.id)).handover.confirm({
      id: made.id,
      answer: 'DISPUTED',
      note: '只收到一床棉被',
    })
    expect(answered.state).toBe('DISPUTED')
    const need = await world.cadre.need.byId({ id: answered.disputeNeedId as string })
    expect(need.description).toContain('只收到一床棉被')
    const again = await failureOf(
      (await world.as(world.ref.users.resident.id)).handover.confirm({ id: made.id, answer: 'RECEIVED' }),
    )
    expect(again.appCode).toBe('HANDOVER_NOT_PENDING')
  })

  it('a resident cannot confirm another household’s handover', async () => {
    const made = await world.cadre.handover.create({
      recipientKind: 'HOUSEHOLD',
      householdId: household('韩永福'),
      handedOverOn: '2025-04-01',
      cashFen: 1_000,
    })
    const refused = await failureOf(
      (await world.as(world.ref.users.resident.id)).handover.confirm({ id: made.id, answer: 'RECEIVED' }),
    )
    expect(refused.code).toBe('NOT_FOUND')
  })

  it('a corrected visit corrects its undrawn handover, and refuses to change a drawn one', async () => {
    const visit = await world.cadre.visit.create({
      target: 'HOUSEHOLD',
      householdId: household('星占林'),
      visitedOn: '2025-05-01',
      cashFen: 30_000,
    })
    const corrected = await world.cadre.visit.update({
      id: visit.id,
      version: visit.version,
      visitedOn: '2025-05-02',
      cashFen: 20_000,
    })
    const [handover] = (await world.cadre.handover.list({ householdId: household('星占林'), limit: 100 })).items.filter(
      (h) => h.visitId === visit.id,
    )
    expect(handover).toMatchObject({ cashFen: 20_000, handedOverOn: '2025-05-02' })

    const donation = await world.secretary.donation.create(cashDonationInput(qianyue(), 5_000))
    const drawn = await world.cadre.visit.create({
      target: 'HOUSEHOLD',
      householdId: household('星占林'),
      visitedOn: '2025-05-03',
      cashFen: 5_000,
      draws: [{ donationId: donation.id, cashFen: 5_000 }],
    })
    const refused = await failureOf(
      world.cadre.visit.update({ id: drawn.id, version: drawn.version, visitedOn: '2025-05-03', cashFen: 4_000 }),
    )
    expect(refused.appCode).toBe('HANDOVER_LOCKED')
    expect(corrected.cashFen).toBe(20_000)
  })
})
