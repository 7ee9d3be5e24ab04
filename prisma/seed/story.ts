// The 前跃村 story, replayed through the real API (createCaller), as the people in it would have
// entered it: cadres register households and needs; on 23 January 2025 the bureau's branch holds
// its 主题党日 with seven law firms' branches, visits the resident cadre and four households
// with rice, flour, oil and cash, and eight donors give ¥44,000 in all, every fen of it handed over.

import type { TCreateNeedRequest } from '../../common/contracts/need/create-need'
import type { TTransitionNeedRequest } from '../../common/contracts/need/transition-need'
import { PRIVACY_NOTICE_VERSION } from '../../common/privacy-version'
import type { Caller } from '../../server/caller'
import type { ReferenceData } from './reference-data'
import { cashDrawer, goodsDraws, remainingGoods, replayDistribution } from './story-handovers'
import { QIANYUE_HOUSEHOLDS, SHANGTAN_HOUSEHOLD } from './story-households'

export type CallerFor = (userId: string) => Promise<Caller>

export const PARTY_DAY = '2025-01-23'
/** What the eight donors gave: ¥36,000 in cash (seven firms) and ¥8,000 in goods (the bureau's branch). */
export const STORY_MONEY = { cashFen: 3_600_000, goodsValueFen: 800_000 } as const
/** 4,400,000 fen: what the eight donors gave, in goods and cash. */
export const STORY_DONATIONS_FEN = STORY_MONEY.cashFen + STORY_MONEY.goodsValueFen

const RICE_FLOUR_OIL = [
  { item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 },
  { item: '面粉', quantity: 1, unit: '袋', unitValueFen: 7_500 },
  { item: '食用油', quantity: 1, unit: '桶', unitValueFen: 5_000 },
]

/** ¥8,000 of goods from the bureau's branch, ¥36,000 in cash from the seven firms: ¥44,000. */
const FIRM_CASH_FEN = [600_000, 500_000, 500_000, 500_000, 500_000, 500_000, 500_000] as const

type Step = Omit<TTransitionNeedRequest, 'id' | 'version' | 'clientMutationId'>

type NeedBefore = Omit<TCreateNeedRequest, 'householdId'> & { household: string }

/** 前跃村's needs before the party day, as its cadre worked them: the roof passed to the county, the coal delivered. */
const NEEDS_BEFORE_THE_DAY: { need: NeedBefore; steps: Step[] }[] = [
  {
    need: {
      household: '李桂兰',
      category: 'HOUSING',
      description: '房屋屋顶漏雨，需要维修',
      urgency: 'URGENT',
      dueOn: '2025-03-31',
    },
    steps: [{ to: 'TRANSFERRED', responsibleUnit: '大通县住房和城乡建设局', note: '已联系县住建局危房改造项目' }],
  },
  {
    need: {
      household: '祁有才',
      category: 'SUPPLIES',
      description: '冬季取暖用煤不足',
      urgency: 'URGENT',
      dueOn: '2025-01-15',
    },
    steps: [
      { to: 'HANDLED_DIRECTLY', note: '村委会协调' },
      { to: 'RESOLVED', note: '送去取暖煤 2 吨' },
      { to: 'FOLLOWED_UP', satisfaction: 5, note: '电话回访，群众满意' },
    ],
  },
]

/** Moves a need through its steps, each from the version the one before answered. */
const walk = async (caller: Caller, need: { id: string; version: number }, steps: Step[]) => {
  let { version } = need
  for (const step of steps) version = (await caller.need.transition({ id: need.id, version, ...step })).version
}

/** The villages as they were on the morning of the party day: households and their needs. */
export const replayHouseholds = async ({ ref, callerFor }: { ref: ReferenceData; callerFor: CallerFor }) => {
  const { users, villages } = ref
  const cadre = await callerFor(users.cadre.id)
  const otherCadre = await callerFor(users.otherCadre.id)
  const resident = await callerFor(users.resident.id)

  // 1. The cadres keep their villages' household records.
  const households: Record<string, string> = {}
  for (const h of QIANYUE_HOUSEHOLDS) {
    const created = await cadre.household.create({
      ...h,
      villageId: villages.qianyue.id,
      responsibleUserId: users.cadre.id,
      monitoringStartedOn: '2023-06-01',
      helpMeasures: [...h.helpMeasures],
      risks: h.risks.map((r) => ({ ...r })),
      members: h.members.map((m) => ({ ...m })),
    })
    households[h.headName] = created.id
  }
  const shangtan = await otherCadre.household.create({
    ...SHANGTAN_HOUSEHOLD,
    villageId: villages.shangtan.id,
    members: SHANGTAN_HOUSEHOLD.members.map((m) => ({ ...m })),
  })
  await otherCadre.need.create({ householdId: shangtan.id, category: 'MEDICAL', description: '需要办理慢性病门诊报销' })

  // 2. Needs already on the board before the party day.
  for (const {
    need: { household, ...need },
    steps,
  } of NEEDS_BEFORE_THE_DAY) {
    const recorded = await cadre.need.create({ householdId: households[household] as string, ...need })
    await walk(cadre, recorded, steps)
  }

  // 3. 马德林 opens the mini-program, agrees to the privacy notice, links his WeChat account to
  //    his household and asks for a health check.
  await resident.auth.agreePrivacy({ version: PRIVACY_NOTICE_VERSION, channel: 'WECHAT' })
  const agreed = await callerFor(users.resident.id)
  await agreed.resident.bindHousehold({ headName: '马德林', idNumber: QIANYUE_HOUSEHOLDS[0].idNumber })
  const residentCaller = await callerFor(users.resident.id)
  await residentCaller.resident.submitNeed({ category: 'MEDICAL', description: '希望组织村里老年人上门健康体检' })

  return { households, shangtanHouseholdId: shangtan.id }
}

/** 23 January 2025: the 主题党日, the ¥44,000 of donations, and the visits and handovers that gave it all out. */
export const replayPartyDay = async ({
  ref,
  callerFor,
  households,
}: {
  ref: ReferenceData
  callerFor: CallerFor
  households: Record<string, string>
}) => {
  const { users, orgs, villages } = ref
  const secretary = await callerFor(users.secretary.id)

  // 4. The party day.
  const activity = await secretary.activity.create({
    kind: 'THEMED_PARTY_DAY',
    theme: '情系帮扶联点村 走访慰问暖民心',
    heldOn: PARTY_DAY,
    villageId: villages.qianyue.id,
    place: '大通县良教乡前跃村村委会',
    organiserOrgId: orgs.bureauBranch.id,
    participantOrgIds: orgs.firmBranches.map((o) => o.id),
    expectedCount: 20,
    presentCount: 18,
    absences: [
      { name: '陈志刚', reason: '外出参加全省律师培训' },
      { name: '刘芳', reason: '病假' },
    ],
    summary:
      '市司法局各级党组织在前跃村开展主题党日活动。党员们与驻村干部座谈，了解工作和生活中的困难，勉励大家安心驻村、真情帮扶；随后入户走访困难群众，了解身体健康、家庭生活和实际困难，送去米、面、油和慰问金，宣讲惠民政策。机关党支部和 7 家律师事务所党支部共捐赠慰问物资和慰问金 4.4 万元。',
    status: 'PUBLISHED',
  })

  // 5. What the eight donors gave, received that day.
  const goodsDonation = await secretary.donation.create({
    donorOrgId: orgs.bureauBranch.id,
    recipientKind: 'VILLAGE',
    villageId: villages.qianyue.id,
    activityId: activity.id,
    kind: 'GOODS',
    goods: [
      { item: '大米', quantity: 40, unit: '袋', unitValueFen: 10_000 },
      { item: '面粉', quantity: 40, unit: '袋', unitValueFen: 7_500 },
      { item: '食用油', quantity: 20, unit: '桶', unitValueFen: 5_000 },
    ],
    receivedOn: PARTY_DAY,
    note: '慰问物资，由驻村工作队统一发放',
  })
  const cashDonations = []
  for (const [i, firm] of orgs.firmBranches.entries()) {
    const donation = await secretary.donation.create({
      donorOrgId: firm.id,
      recipientKind: 'VILLAGE',
      villageId: villages.qianyue.id,
      activityId: activity.id,
      kind: 'CASH',
      amountFen: FIRM_CASH_FEN[i] as number,
      receivedOn: PARTY_DAY,
      note: '慰问金',
    })
    cashDonations.push(donation)
  }
  const drawCash = cashDrawer(cashDonations)

  // 6. The visits: the resident cadre, then the households, each handed rice, flour, oil and ¥500.
  const visitors = [users.member.id]
  await secretary.visit.create({
    activityId: activity.id,
    target: 'CADRE',
    cadreUserId: users.cadre.id,
    visitedOn: PARTY_DAY,
    visitorIds: visitors,
    livingConditions: '驻村工作队住村委会宿舍，冬季取暖条件一般',
    difficulties: '驻村点网络信号差，上报材料不便',
  })
  const householdVisits = [
    {
      name: '马德林',
      health: '血压偏高，精神尚好',
      living: '老两口独居，子女在外务工',
      difficulty: '看病取药路远',
      needs: [],
    },
    {
      name: '李桂兰',
      health: '腿脚不便',
      living: '与孙子同住，孙子在读初中',
      difficulty: '孙子上学费用开支大',
      needs: [],
    },
    {
      name: '韩永福',
      health: '下肢瘫痪，卧床',
      living: '妻子和儿子外出务工补贴家用',
      difficulty: '出行困难',
      needs: [
        { category: 'MEDICAL' as const, description: '需要一台轮椅', urgency: 'URGENT' as const, dueOn: '2025-02-28' },
      ],
    },
    {
      name: '祁有才',
      health: '身体健康',
      living: '去年房屋受灾，已部分修缮',
      difficulty: '修缮资金仍有缺口',
      needs: [],
    },
  ]
  for (const v of householdVisits) {
    await secretary.visit.create({
      activityId: activity.id,
      target: 'HOUSEHOLD',
      householdId: households[v.name] as string,
      visitedOn: PARTY_DAY,
      visitorIds: visitors,
      healthNotes: v.health,
      livingConditions: v.living,
      difficulties: v.difficulty,
      goods: RICE_FLOUR_OIL,
      cashFen: 50_000,
      needs: v.needs,
      draws: [...goodsDraws(goodsDonation, RICE_FLOUR_OIL), ...drawCash(50_000)],
    })
  }

  // 7. The rest at the village committee, and 马德林 confirms what his household received.
  await replayDistribution({
    secretary,
    activityId: activity.id,
    villageId: villages.qianyue.id,
    cadreUserId: users.cadre.id,
    handedOverOn: PARTY_DAY,
    householdIds: QIANYUE_HOUSEHOLDS.map((h) => households[h.headName] as string),
    drawCash,
    goodsDonation,
    leftGoods: remainingGoods(goodsDonation, RICE_FLOUR_OIL, householdVisits.length),
  })
  const resident = await callerFor(users.resident.id)
  for (const handover of await resident.handover.mine()) {
    await resident.handover.confirm({ id: handover.id, answer: 'RECEIVED' })
  }

  return { activityId: activity.id }
}

export const replayStory = async (options: { ref: ReferenceData; callerFor: CallerFor }) => {
  const before = await replayHouseholds(options)
  return { ...before, ...(await replayPartyDay({ ...options, households: before.households })) }
}
