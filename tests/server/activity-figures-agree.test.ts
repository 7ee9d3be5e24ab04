// One rule for an activity's money, everywhere: the donations booked to it that are within the
// caller's scope (donationScope). The activity page, the activity list, stats.summary, donation.list
// and both ledgers (捐赠台账 and 主题党日台账) must give every role the same figures for every
// activity it sees: the 前跃村 party day, a branch meeting with no village whose donations went to
// two villages, and another village's activity.
import { PassThrough } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { replayStory, STORY_DONATIONS_FEN } from '../../prisma/seed/story'
import type { Caller } from '../../server/caller'
import { loadActor } from '../../server/services/auth/actor'
import {
  ACTIVITY_LEDGER_COLUMNS,
  ACTIVITY_LEDGER_SHEET,
  exportActivityLedger,
} from '../../server/services/exports/activity-ledger'
import { exportDonationLedger } from '../../server/services/exports/donation-ledger'
import { activityInput, cashDonationInput } from '../helpers/factories'
import { addFirmSecretary, createWorld, staffAccounts, type World } from '../helpers/world'
import { fenOf, rowsOf, workbookOf } from '../helpers/xlsx'

type Money = { cashFen: number; goodsValueFen: number }

let world: World
let callers: Record<string, { caller: Caller; userId: string }>
let ids: { story: string; meeting: string; shangtan: string }

beforeAll(async () => {
  world = await createWorld()
  const { orgs, villages } = world.ref
  const story = await replayStory({ ref: world.ref, callerFor: world.as })
  const meeting = await world.secretary.activity.create(
    activityInput(orgs.bureauBranch.id, { theme: '机关支部学习会', villageId: null }),
  )
  await world.secretary.donation.create(cashDonationInput(villages.qianyue.id, 100_000, { activityId: meeting.id }))
  await world.admin.donation.create(cashDonationInput(villages.shangtan.id, 50_000, { activityId: meeting.id }))
  const shangtan = await world.admin.activity.create(
    activityInput(orgs.otherVillageBranch.id, { theme: '上滩村冬季主题党日', villageId: villages.shangtan.id }),
  )
  await world.admin.donation.create(cashDonationInput(villages.shangtan.id, 30_000, { activityId: shangtan.id }))
  ids = { story: story.activityId, meeting: meeting.id, shangtan: shangtan.id }

  const { user: firmSecretary } = await addFirmSecretary(world)
  const roles = staffAccounts(world, firmSecretary)
  callers = Object.fromEntries(
    await Promise.all(
      Object.entries(roles).map(async ([role, userId]) => [role, { caller: await world.as(userId), userId }] as const),
    ),
  )
})

const signedIn = (role: string) => {
  const entry = callers[role]
  if (!entry) throw new Error(`no caller for ${role}`)
  return entry
}

const moneyOf = (m: Money): Money => ({ cashFen: m.cashFen, goodsValueFen: m.goodsValueFen })

const donationListMoney = async (caller: Caller, activityId: string): Promise<Money> => {
  const money = { cashFen: 0, goodsValueFen: 0 }
  let cursor: string | null = null
  do {
    const page = await caller.donation.list({ activityId, limit: 100, cursor })
    for (const d of page.items) {
      if (d.kind === 'CASH') money.cashFen += d.amountFen
      else money.goodsValueFen += d.amountFen
    }
    cursor = page.nextCursor
  } while (cursor)
  return money
}

const serviceContext = async (userId: string) => ({
  db: world.deps.prisma,
  crypto: world.deps.crypto,
  requestId: 'figures-agree',
  log: world.deps.log,
  actor: await loadActor(world.deps.prisma, userId),
})

const donationLedgerMoney = async (userId: string, activityId: string): Promise<Money> =>
  moneyOf(
    await exportDonationLedger({
      ctx: await serviceContext(userId),
      input: { activityId },
      output: new PassThrough().resume(),
    }),
  )

/** The 主题党日台账's row per activity theme, as the file shows it. */
const activityLedgerMoney = async (userId: string): Promise<Map<string, Money>> => {
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  await exportActivityLedger({ ctx: await serviceContext(userId), input: {}, output })
  const headers = ACTIVITY_LEDGER_COLUMNS.map((c) => c.header)
  const rows = rowsOf(await workbookOf(Buffer.concat(chunks)), ACTIVITY_LEDGER_SHEET, headers)
  return new Map(
    rows.map((r) => [String(r.主题), { cashFen: fenOf(r['慰问金（元）']), goodsValueFen: fenOf(r['物资价值（元）']) }]),
  )
}

describe.each(['admin', 'secretary', 'cadre', 'member', 'otherCadre', 'firmSecretary'])('as %s', (role) => {
  it('every screen and file gives the same money for every activity it sees', async () => {
    const { caller, userId } = signedIn(role)
    const listed = await caller.activity.list({ limit: 100 })
    const ledger = await activityLedgerMoney(userId)
    expect(listed.items.length).toBeGreaterThan(0)
    for (const item of listed.items) {
      const page = await caller.activity.byId({ id: item.id })
      const expected = moneyOf(page.totals)
      const where = `${role} on ${item.theme}`
      expect(moneyOf(item.totals), `${where}: activity list`).toEqual(expected)
      expect(moneyOf((await caller.stats.summary({ activityId: item.id })).totals), `${where}: stats.summary`).toEqual(
        expected,
      )
      expect(await donationListMoney(caller, item.id), `${where}: donation.list`).toEqual(expected)
      expect(await donationLedgerMoney(userId, item.id), `${where}: 捐赠台账`).toEqual(expected)
      expect(ledger.get(item.theme), `${where}: 主题党日台账`).toEqual(expected)
      const record = await caller.activity.record({ id: item.id })
      expect(record.totals.totalFen, `${where}: 活动记录`).toBe(page.totals.totalFen)
    }
  })
})

describe('what each sees of the activities', () => {
  const totalOf = async (role: string, id: string) =>
    (await signedIn(role).caller.activity.byId({ id })).totals.totalFen

  it('the organiser sees all of his party day in his paired village: ¥44,000.00', async () => {
    expect(await totalOf('secretary', ids.story)).toBe(STORY_DONATIONS_FEN)
    expect(await totalOf('admin', ids.story)).toBe(STORY_DONATIONS_FEN)
    expect(await totalOf('cadre', ids.story)).toBe(STORY_DONATIONS_FEN)
  })

  it('of a meeting with no village, each sees the donations within their own scope', async () => {
    expect(await totalOf('admin', ids.meeting)).toBe(150_000)
    expect(await totalOf('secretary', ids.meeting)).toBe(100_000)
  })
})
