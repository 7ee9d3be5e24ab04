// Through the real router, the message a person sees for a field names the real problem: a day
// that does not exist, an amount too large, a count of the wrong type, a member's 健康状况 left out.
import { beforeAll, describe, expect, it } from 'vitest'
import { type CaughtError, failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

/** The messages a refused call gave for one field, as the form shows them beside it. */
const messagesAt = (failure: CaughtError, path: string): string[] => {
  expect(failure).toMatchObject({ code: 'BAD_REQUEST' })
  const { issues } = failure.cause as { issues: { path: (string | number)[]; message: string }[] }
  return issues.filter((issue) => issue.path.join('.') === path).map((issue) => issue.message)
}

const organiser = () => world.ref.orgs.bureauBranch.id
const village = () => world.ref.villages.qianyue.id

describe('messages that name the real problem', () => {
  it('tells a day that does not exist so, and a malformed one its format', async () => {
    const noSuchDay = await failureOf(
      world.secretary.activity.create(activityInput(organiser(), { heldOn: '2025-02-30' })),
    )
    expect(messagesAt(noSuchDay, 'heldOn')).toEqual(['2025-02-30 这一天不存在，请核对日期'])
    const slashes = await failureOf(
      world.secretary.activity.create(activityInput(organiser(), { heldOn: '2025/02/28' })),
    )
    expect(messagesAt(slashes, 'heldOn')).toEqual(['日期格式应为 YYYY-MM-DD'])
    const report = await failureOf(world.cadre.report.dailyNeeds({ date: '2025-04-31' }))
    expect(messagesAt(report, 'date')).toEqual(['2025-04-31 这一天不存在，请核对日期'])
  })

  it('tells ¥1e20 it is too large, not that it must be exact to the fen', async () => {
    const failure = await failureOf(world.secretary.donation.create(cashDonationInput(village(), 1e22)))
    expect(messagesAt(failure, 'amountFen')).toEqual(['金额不能超过 1 亿元'])
    const goods = await failureOf(
      world.secretary.donation.create({
        ...cashDonationInput(village(), 0),
        kind: 'GOODS',
        amountFen: undefined,
        goods: [{ item: '大米', quantity: 1e20, unit: '袋', unitValueFen: 10_000 }],
      }),
    )
    expect(messagesAt(goods, 'goods.0.quantity')).toEqual(['数量过大'])
  })

  it('tells a head-count of the wrong type so, one left out that it is missing, one too large that it is', async () => {
    const asText = await failureOf(
      world.secretary.activity.create({ ...activityInput(organiser()), expectedCount: '44000' as unknown as number }),
    )
    expect(messagesAt(asText, 'expectedCount')).toEqual(['格式不正确，应为数字'])
    const { presentCount: _left, ...withoutPresent } = activityInput(organiser())
    const missing = await failureOf(world.secretary.activity.create(withoutPresent as never))
    expect(messagesAt(missing, 'presentCount')).toEqual(['请填写实到人数'])
    const tooMany = await failureOf(
      world.secretary.activity.create(activityInput(organiser(), { expectedCount: 44000 })),
    )
    expect(messagesAt(tooMany, 'expectedCount')).toEqual(['人数过大'])
  })

  it('asks for a choice left out, and says a choice that is not one is not', async () => {
    const { householdId } = { householdId: (await world.cadre.household.create(householdInput(village()))).id }
    const missing = await failureOf(world.cadre.need.create({ householdId, description: '冬季取暖' } as never))
    expect(messagesAt(missing, 'category')).toEqual(['请选择诉求类别'])
    const unknown = await failureOf(
      world.cadre.need.create({ householdId, category: 'HEAT', description: '冬季取暖' } as never),
    )
    expect(messagesAt(unknown, 'category')).toEqual(['请从给定的选项中选择'])
  })
})

describe('a member’s 健康状况', () => {
  it('is asked for on the first save, with the other fields, and nothing is stored', async () => {
    const input = householdInput(village())
    const [head] = input.members
    if (!head) throw new Error('the factory makes a head')
    const { health: _left, ...withoutHealth } = head
    const failure = await failureOf(
      world.cadre.household.create({ ...input, headName: '', members: [withoutHealth as typeof head] }),
    )
    expect(messagesAt(failure, 'members.0.health')).toEqual(['请选择健康状况'])
    expect(messagesAt(failure, 'headName')).toEqual(['请填写户主姓名'])
    expect(await world.deps.prisma.household.count({ where: { code: input.code } })).toBe(0)
  })

  it('is kept for every member on update: a member sent without it is refused, not saved without it', async () => {
    const created = await world.cadre.household.create(householdInput(village()))
    const { idNumber: _stored, ...form } = householdInput(village(), { code: created.code, headName: created.headName })
    const members = created.members.map(({ id, name, relationship, laborCapacity, schoolStatus }) => ({
      id,
      name,
      relationship,
      laborCapacity,
      schoolStatus,
    }))
    const failure = await failureOf(
      world.cadre.household.update({ ...form, id: created.id, version: created.version, members } as never),
    )
    expect(messagesAt(failure, 'members.0.health')).toEqual(['请选择健康状况'])
    expect((await world.cadre.household.byId({ id: created.id })).version).toBe(created.version)
  })
})
