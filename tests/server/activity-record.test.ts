// activity.record, the printable 主题党日活动记录 (docs/exports.md): the 前跃村 party day of 2025-01-23
// must carry every figure of the paper sheet, agreeing to the fen with the activity page,
// stats.summary and the 主题党日台账; households stay unnamed to a law firm's branch that took
// part; outsiders get nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { LAW_FIRMS } from '../../prisma/seed/reference-data'
import { PARTY_DAY, replayStory, STORY_DONATIONS_FEN } from '../../prisma/seed/story'
import type { Caller } from '../../server/caller'
import { failureOf } from '../helpers/errors'
import { STORY_RECORD_ATTENDANCE } from '../helpers/story-record'
import { addFirmSecretary, createWorld, type World } from '../helpers/world'

const THEME = '情系帮扶联点村 走访慰问暖民心'
const VISITED = ['马德林', '李桂兰', '韩永福', '祁有才']

let world: World
let story: Awaited<ReturnType<typeof replayStory>>
let firmSecretary: Caller

beforeAll(async () => {
  world = await createWorld()
  story = await replayStory({ ref: world.ref, callerFor: world.as })
  // A law firm's branch secretary: the firm took part in the party day, but is not paired with
  // 前跃村, so may not see its households.
  firmSecretary = await world.as((await addFirmSecretary(world)).user.id)
})

describe('the 前跃村 party day’s record, as its branch secretary sees it', () => {
  let record: Awaited<ReturnType<Caller['activity']['record']>>

  beforeAll(async () => {
    record = await world.secretary.activity.record({ id: story.activityId })
  })

  it('has the sheet’s fields: theme, kind, date, place, organiser and the orgs taking part', () => {
    expect(record).toMatchObject({
      id: story.activityId,
      theme: THEME,
      kind: 'THEMED_PARTY_DAY',
      status: 'PUBLISHED',
      heldOn: PARTY_DAY,
      place: '大通县良教乡前跃村村委会',
      village: { name: '前跃村', township: '良教乡', county: '大通县' },
      organiserOrg: { name: '西宁市司法局机关党支部' },
      recordedBy: '王建国',
    })
    expect(record.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(record.orgs.map((o) => o.name)).toHaveLength(8)
    expect(record.orgs.map((o) => o.name)).toEqual(
      expect.arrayContaining(['西宁市司法局机关党支部', ...LAW_FIRMS.map((firm) => `${firm}党支部`)]),
    )
    expect(record.summary).toContain('4.4 万元')
  })

  it('has 应到 20, 实到 18 and the two absentees with their reasons, as the 台账 lists them', () => {
    expect(record.attendance).toEqual(STORY_RECORD_ATTENDANCE)
  })

  it('has the visits: the resident cadre, then four households, with findings, goods, cash and needs', () => {
    expect(record.visits).toHaveLength(5)
    const [cadreVisit, ...householdVisits] = record.visits
    expect(cadreVisit).toMatchObject({
      target: 'CADRE',
      cadre: { displayName: '李振华' },
      household: null,
      isHouseholdHidden: false,
      livingConditions: '驻村工作队住村委会宿舍，冬季取暖条件一般',
      difficulties: '驻村点网络信号差，上报材料不便',
    })
    // The secretary who recorded the visits went along with 张丽.
    expect([...(cadreVisit?.visitors ?? [])].sort()).toEqual(['张丽', '王建国'].sort())
    expect(householdVisits.map((v) => v.household?.headName)).toEqual(VISITED)
    for (const v of householdVisits) {
      expect(v).toMatchObject({ target: 'HOUSEHOLD', visitedOn: PARTY_DAY, cashFen: 50_000, goodsValueFen: 22_500 })
      expect(v.goods.map((g) => `${g.item}${g.quantity}${g.unit}`)).toEqual(['大米1袋', '面粉1袋', '食用油1桶'])
    }
    const han = householdVisits.find((v) => v.household?.headName === '韩永福')
    expect(han).toMatchObject({
      livingConditions: '妻子和儿子外出务工补贴家用',
      difficulties: '出行困难',
      needCount: 1,
      needs: [{ category: 'MEDICAL', description: '需要一台轮椅' }],
    })
    expect(record.totals).toMatchObject({
      visitCount: 5,
      householdsVisited: 4,
      handedOverCashFen: 200_000,
      handedOverGoodsValueFen: 90_000,
      needsRaised: 1,
    })
  })

  it('never carries health findings, ID numbers or phones', () => {
    const text = JSON.stringify(record)
    for (const secret of ['血压偏高', '下肢瘫痪', 'healthNotes', 'healthEnc', 'idNumber', 'phone']) {
      expect(text).not.toContain(secret)
    }
  })

  it('lists the eight donations, whose 合计 is ¥44,000 and equals the activity’s totals from stats', async () => {
    expect(record.donations).toHaveLength(8)
    const goods = record.donations.find((d) => d.kind === 'GOODS')
    expect(goods).toMatchObject({ donorName: '西宁市司法局机关党支部', amountFen: 800_000, recipientKind: 'VILLAGE' })
    expect(goods?.goods.map((g) => [g.item, g.quantity, g.unit, g.valueFen])).toEqual([
      ['大米', 40, '袋', 400_000],
      ['面粉', 40, '袋', 300_000],
      ['食用油', 20, '桶', 100_000],
    ])
    const cash = record.donations.filter((d) => d.kind === 'CASH')
    expect(cash.map((d) => d.donorName).sort()).toEqual(LAW_FIRMS.map((firm) => `${firm}党支部`).sort())
    const listed = record.donations.reduce((sum, d) => sum + d.amountFen, 0)
    expect(listed).toBe(STORY_DONATIONS_FEN)
    expect(record.totals).toMatchObject({
      cashFen: 3_600_000,
      goodsValueFen: 800_000,
      totalFen: STORY_DONATIONS_FEN,
      donationCount: 8,
    })
    const detail = await world.secretary.activity.byId({ id: story.activityId })
    expect(record.totals.totalFen).toBe(detail.totals.totalFen)
    expect(record.totals.householdsVisited).toBe(detail.totals.householdsVisited)
    const summary = await world.secretary.stats.summary({ activityId: story.activityId })
    const partyDay = summary.byActivity.find((a) => a.activityId === story.activityId)
    expect([record.totals.cashFen, record.totals.goodsValueFen]).toEqual([partyDay?.cashFen, partyDay?.goodsValueFen])
  })

  it('leaves a voided donation off the sheet and out of the 合计', async () => {
    const extra = await world.secretary.donation.create({
      donorName: '误录的捐赠',
      recipientKind: 'VILLAGE',
      villageId: world.ref.villages.qianyue.id,
      activityId: story.activityId,
      kind: 'CASH',
      amountFen: 12_345,
      goods: [],
      receivedOn: PARTY_DAY,
    })
    const withExtra = await world.secretary.activity.record({ id: story.activityId })
    expect(withExtra.totals.totalFen).toBe(STORY_DONATIONS_FEN + 12_345)
    await world.secretary.donation.void({ id: extra.id, version: extra.version, reason: '重复登记' })
    const after = await world.secretary.activity.record({ id: story.activityId })
    expect(after.donations.map((d) => d.donorName)).not.toContain('误录的捐赠')
    expect(after.totals.totalFen).toBe(STORY_DONATIONS_FEN)
  })
})

describe('who sees what', () => {
  it('shows a law firm that took part the figures of its own scope, as its activity page does, and no household', async () => {
    const asBureau = await world.secretary.activity.record({ id: story.activityId })
    const asFirm = await firmSecretary.activity.record({ id: story.activityId })
    expect(asFirm.attendance).toEqual(asBureau.attendance)
    // The firm reaches no village: its own donation, and none of the visits to 前跃村's households.
    const page = await firmSecretary.activity.byId({ id: story.activityId })
    expect(asFirm.totals.totalFen).toBe(page.totals.totalFen)
    expect(asFirm.donations.map((d) => d.amountFen)).toEqual(page.donations.map((d) => d.amountFen))
    expect(asFirm.donations.length).toBe(1)
    expect(asFirm.visits).toEqual([])
    const text = JSON.stringify(asFirm)
    for (const name of [...VISITED, 'QY-00', '与孙子同住', '需要一台轮椅']) expect(text).not.toContain(name)
  })

  it('shows the village’s cadre the households by name', async () => {
    const asCadre = await world.cadre.activity.record({ id: story.activityId })
    expect(asCadre.visits.flatMap((v) => (v.household ? [v.household.headName] : []))).toEqual(VISITED)
  })

  it('answers NOT_FOUND to a cadre of another village, as activity.byId does', async () => {
    const refusal = await failureOf(world.otherCadre.activity.record({ id: story.activityId }))
    const byId = await failureOf(world.otherCadre.activity.byId({ id: story.activityId }))
    expect(refusal).toMatchObject({ code: 'NOT_FOUND', appCode: 'NOT_FOUND' })
    expect([refusal.code, refusal.message]).toEqual([byId.code, byId.message])
  })

  it('answers FORBIDDEN to a resident and UNAUTHORIZED without a session, as activity.byId does', async () => {
    for (const caller of [world.resident, world.anonymous]) {
      const refusal = await failureOf(caller.activity.record({ id: story.activityId }))
      const byId = await failureOf(caller.activity.byId({ id: story.activityId }))
      expect([refusal.code, refusal.appCode, refusal.message]).toEqual([byId.code, byId.appCode, byId.message])
    }
    expect((await failureOf(world.resident.activity.record({ id: story.activityId }))).code).toBe('FORBIDDEN')
    expect((await failureOf(world.anonymous.activity.record({ id: story.activityId }))).code).toBe('UNAUTHORIZED')
  })
})
