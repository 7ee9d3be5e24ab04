// 捐赠去向: a donor org's secretary follows its donation of the 前跃村 story to the villages and
// households it reached, named as a 公示 names them, and to its ¥0.00 balance; the secretary of any
// other org is refused, even one who reaches the village.
import { beforeAll, describe, expect, it } from 'vitest'
import { formatFen } from '../../common/money'
import { replayStory } from '../../prisma/seed/story'
import type { Caller } from '../../server/caller'
import { failureOf } from '../helpers/errors'
import { addFirmSecretary, createWorld, type World } from '../helpers/world'

let world: World
let firmSecretary: Caller
let goodsDonationId: string
let firmDonationId: string
let firmOrgId: string

const FULL_NAMES = ['马德林', '李桂兰', '韩永福', '祁有才', '星占林', '李振华']

beforeAll(async () => {
  world = await createWorld()
  const story = await replayStory({ ref: world.ref, callerFor: world.as })
  const firm = await addFirmSecretary(world)
  firmSecretary = await world.as(firm.user.id)
  firmOrgId = firm.firm.id
  const donations =
    (await world.admin.donation.reconciliation({ activityId: story.activityId, parts: ['donations'] })).donations
      ?.items ?? []
  const goods = donations.find((d) => d.kind === 'GOODS')
  const firms = donations.find((d) => d.donorOrgId === firm.firm.id)
  if (!goods || !firms) throw new Error('the story has the bureau’s goods and each firm’s cash')
  goodsDonationId = goods.id
  firmDonationId = firms.id
})

describe('the donor’s secretary', () => {
  it('sees the bureau’s goods handed out in 前跃村, to masked households, balance ¥0.00', async () => {
    const view = await world.secretary.donation.donorView({ donationId: goodsDonationId })
    expect(view.donorName).toBe('西宁市司法局机关党支部')
    expect(view.received.goodsValueFen).toBe(800_000)
    expect(view.handedOver.totalFen).toBe(800_000)
    expect(formatFen(view.balance.totalFen)).toBe('¥0.00')
    expect(view.balance.goods.map((g) => g.quantity)).toEqual([0, 0, 0])
    expect(view.villages.map((v) => v.villageName)).toEqual(['前跃村'])
    const names = new Set(view.villages.flatMap((v) => v.recipients.map((r) => r.name)))
    expect(names).toContain('马*林')
    const recipientsFen = view.villages[0]?.recipients.reduce((sum, r) => sum + r.handedOver.totalFen, 0)
    expect(recipientsFen).toBe(800_000)
  })

  it('of a law firm follows its cash, though the firm is paired with no village', async () => {
    const view = await firmSecretary.donation.donorView({ donationId: firmDonationId })
    expect(view.kind).toBe('CASH')
    expect(view.handedOver.cashFen).toBe(view.received.cashFen)
    expect(view.balance.totalFen).toBe(0)
    expect(view.villages.map((v) => v.villageName)).toEqual(['前跃村'])
    expect(view.villages[0]?.recipients.length).toBeGreaterThan(0)
  })

  it('of a law firm follows all it gave, village by village, on its 捐赠去向 screen', async () => {
    const gave = await firmSecretary.donation.reconciliation({ donorOrgId: firmOrgId, parts: ['byVillage'] })
    const one = await firmSecretary.donation.donorView({ donationId: firmDonationId })
    expect(gave.totals.received).toEqual(one.received)
    expect(gave.totals.handedOver).toEqual(one.handedOver)
    expect(gave.totals.balance.totalFen).toBe(0)
    expect([gave.donations, gave.byActivity, gave.byDonor]).toEqual([null, null, null])
    const [village] = gave.byVillage?.items ?? []
    expect(gave.byVillage?.count).toBe(1)
    expect(village).toMatchObject({ label: '前跃村', balance: { totalFen: 0 }, donationCount: 1 })
    expect(village?.handedOver).toEqual(gave.totals.handedOver)
    // The village opens to the firm's donation there, the way to its households.
    const opened = await firmSecretary.donation.reconciliation({ ...village?.scope, parts: ['donations'] })
    expect(opened.donations?.items.map((d) => d.id)).toEqual([firmDonationId])
  })

  it('never sees a full name, an ID number or a phone', async () => {
    for (const [caller, id] of [
      [world.secretary, goodsDonationId],
      [firmSecretary, firmDonationId],
    ] as const) {
      const text = JSON.stringify(await caller.donation.donorView({ donationId: id }))
      for (const name of FULL_NAMES) expect(text).not.toContain(name)
      // No phone: eleven digits anywhere but inside the records' ids.
      expect(text.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '')).not.toMatch(/\d{11}/)
    }
  })
})

describe('everyone else', () => {
  it('refuses the secretary of another org, even one whose branch reaches the village', async () => {
    const refused = await failureOf(world.secretary.donation.donorView({ donationId: firmDonationId }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '只有捐赠单位的支部书记可以查看这笔捐赠的去向' })
    const firm = await failureOf(firmSecretary.donation.donorView({ donationId: goodsDonationId }))
    expect(firm.code).toBe('FORBIDDEN')
  })

  it('refuses cadres, members and residents at the gate, and lets an administrator see', async () => {
    for (const caller of [world.cadre, world.member, world.resident])
      expect((await failureOf(caller.donation.donorView({ donationId: goodsDonationId }))).code).toBe('FORBIDDEN')
    const view = await world.admin.donation.donorView({ donationId: goodsDonationId })
    expect(view.balance.totalFen).toBe(0)
  })

  it('answers NOT_FOUND for a donation that does not exist', async () => {
    const missing = await failureOf(
      world.secretary.donation.donorView({ donationId: '00000000-0000-4000-8000-000000000000' }),
    )
    expect(missing.code).toBe('NOT_FOUND')
  })
})
