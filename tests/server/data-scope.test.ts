// 数据范围: each role reaches only its own villages, orgs and household, and a record out of
// reach looks exactly like one that does not exist.
import { beforeAll, describe, expect, it } from 'vitest'
import { failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { addFirmSecretary, createWorld, type World } from '../helpers/world'

let world: World
let qianyueHousehold: string
let shangtanHousehold: string
let bureauActivity: { id: string; version: number }
let shangtanActivity: { id: string; version: number }

beforeAll(async () => {
  world = await createWorld()
  const { villages, orgs } = world.ref
  qianyueHousehold = (await world.cadre.household.create(householdInput(villages.qianyue.id))).id
  shangtanHousehold = (await world.otherCadre.household.create(householdInput(villages.shangtan.id))).id
  bureauActivity = await world.secretary.activity.create(
    activityInput(orgs.bureauBranch.id, { villageId: villages.qianyue.id }),
  )
  shangtanActivity = await world.admin.activity.create(
    activityInput(orgs.otherVillageBranch.id, { villageId: villages.shangtan.id }),
  )
})

describe('households', () => {
  it('a cadre cannot read another village’s household', async () => {
    expect(await failureOf(world.cadre.household.byId({ id: shangtanHousehold }))).toMatchObject({
      code: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
    })
    const list = await world.cadre.household.list({})
    expect(list.items.map((h) => h.id)).toEqual([qianyueHousehold])
    const filtered = await world.cadre.household.list({ villageId: world.ref.villages.shangtan.id })
    expect(filtered.items).toEqual([])
  })

  it('a cadre cannot edit, reveal or raise needs for another village’s household', async () => {
    const other = await world.otherCadre.household.byId({ id: shangtanHousehold })
    const update = {
      ...householdInput(world.ref.villages.shangtan.id),
      id: other.id,
      version: other.version,
      members: [],
    }
    expect(await failureOf(world.cadre.household.update(update))).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await failureOf(world.cadre.household.reveal({ id: shangtanHousehold, field: 'idNumber', reason: '越权测试' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(
      await failureOf(
        world.cadre.need.create({ householdId: shangtanHousehold, category: 'OTHER', description: '越权登记' }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await failureOf(world.cadre.household.create(householdInput(world.ref.villages.shangtan.id)))).toMatchObject(
      { code: 'FORBIDDEN' },
    )
  })

  it('a secretary reaches the villages paired with their branch, and not others', async () => {
    expect((await world.secretary.household.list({})).items.map((h) => h.id)).toEqual([qianyueHousehold])
    expect(await failureOf(world.secretary.household.byId({ id: shangtanHousehold }))).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('members see masked records and no health details; admins see all', async () => {
    const asMember = await world.member.household.byId({ id: qianyueHousehold })
    expect(asMember.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/)
    expect(asMember.members[0]?.health).toBeNull()
    expect(asMember.permissions).toEqual({ canEdit: false, canReveal: false, canSeeHealth: false })
    expect((await world.admin.household.list({})).items).toHaveLength(2)
  })

  it('residents and unbound WeChat users cannot use staff procedures', async () => {
    expect(await failureOf(world.resident.household.list({}))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'FORBIDDEN',
    })
    expect(await failureOf(world.anonymous.household.list({}))).toMatchObject({
      code: 'UNAUTHORIZED',
      appCode: 'UNAUTHENTICATED',
    })
  })

  it('only record keepers create households', async () => {
    expect(await failureOf(world.member.household.create(householdInput(world.ref.villages.qianyue.id)))).toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    )
    expect(
      await failureOf(world.secretary.household.create(householdInput(world.ref.villages.qianyue.id))),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})

describe('activities', () => {
  it('a secretary cannot touch another branch’s activity', async () => {
    expect(await failureOf(world.secretary.activity.byId({ id: shangtanActivity.id }))).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(
      await failureOf(
        world.secretary.activity.update({
          ...activityInput(world.ref.orgs.bureauBranch.id),
          id: shangtanActivity.id,
          version: shangtanActivity.version,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' })
    const list = await world.secretary.activity.list({})
    expect(list.items.map((a) => a.id)).toEqual([bureauActivity.id])
  })

  it('a secretary organises only in their own subtree', async () => {
    const failure = await failureOf(
      world.secretary.activity.create(activityInput(world.ref.orgs.otherVillageBranch.id)),
    )
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: '只能以本支部或下级组织的名义组织活动' })
  })

  it('members and cadres read but do not create activities', async () => {
    expect((await world.member.activity.byId({ id: bureauActivity.id })).canEdit).toBe(false)
    expect((await world.cadre.activity.byId({ id: bureauActivity.id })).id).toBe(bureauActivity.id)
    expect(await failureOf(world.cadre.activity.byId({ id: shangtanActivity.id }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await failureOf(world.member.activity.create(activityInput(world.ref.orgs.bureauBranch.id)))).toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})

describe('donations and stats', () => {
  it('count only what the caller’s scope covers', async () => {
    await world.secretary.donation.create(cashDonationInput(world.ref.villages.qianyue.id, 10_000))
    await world.admin.donation.create(cashDonationInput(world.ref.villages.shangtan.id, 20_000))
    expect((await world.secretary.stats.summary({})).totals.totalFen).toBe(10_000)
    expect((await world.otherCadre.stats.summary({})).totals.totalFen).toBe(20_000)
    expect((await world.admin.stats.summary({})).totals.totalFen).toBe(30_000)
    expect(
      await failureOf(world.secretary.donation.create(cashDonationInput(world.ref.villages.shangtan.id, 5_000))),
    ).toMatchObject({
      code: 'BAD_REQUEST',
    })
  })
})

describe('a law firm’s branch, taking part in another org’s activity', () => {
  it('sees the activity with the figures of its own scope, the same on the activity page as in its stats', async () => {
    const { orgs, villages } = world.ref
    const { firm, user: firmSecretary } = await addFirmSecretary(world)
    const asFirm = await world.as(firmSecretary.id)
    const activity = await world.secretary.activity.create(
      activityInput(orgs.bureauBranch.id, { villageId: villages.qianyue.id, participantOrgIds: [firm.id] }),
    )
    await world.secretary.visit.create({
      activityId: activity.id,
      target: 'HOUSEHOLD',
      householdId: qianyueHousehold,
      visitedOn: '2025-02-20',
      cashFen: 20_000,
    })
    await world.secretary.donation.create(
      cashDonationInput(villages.qianyue.id, 30_000, {
        donorOrgId: firm.id,
        recipientKind: 'HOUSEHOLD',
        householdId: qianyueHousehold,
        activityId: activity.id,
      }),
    )

    // The firm reaches no village: of the activity it sees its own donation, not the visit to a
    // household it does not reach, on the activity page exactly as in its statistics.
    const seen = await asFirm.activity.byId({ id: activity.id })
    expect(seen.totals).toMatchObject({ totalFen: 30_000, handedOverCashFen: 0, visitCount: 0 })
    expect(seen.visits).toEqual([])
    const donations = await asFirm.donation.list({})
    expect(donations.items.map((d) => [d.amountFen, d.household])).toEqual([[30_000, null]])
    const summary = await asFirm.stats.summary({ activityId: activity.id })
    expect(summary.totals).toMatchObject({ totalFen: 30_000, handedOverCashFen: 0, visitCount: 0 })
    expect(summary.byHousehold).toEqual([])
    // The bureau's own secretary, paired with the village, sees the household.
    const asBureau = await world.secretary.activity.byId({ id: activity.id })
    expect(asBureau.visits[0]?.household?.id).toBe(qianyueHousehold)
  })
})
