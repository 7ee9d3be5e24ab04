// 走访: who went, what was found and handed over, and corrections that keep the record honest.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { failureOf } from '../helpers/errors'
import { activityInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
})

const visitInput = (overrides: Record<string, unknown> = {}) => ({
  target: 'HOUSEHOLD' as const,
  householdId,
  visitedOn: '2025-01-23',
  healthNotes: '老人腿脚不便',
  livingConditions: '家中取暖靠土炕',
  goods: [{ item: '大米', quantity: 2, unit: '袋', unitValueFen: 10_000 }],
  cashFen: 50_000,
  ...overrides,
})

describe('visit.update', () => {
  it('a cadre’s correction keeps the author as visitor and the findings it leaves out', async () => {
    const logged = await world.member.visit.create(visitInput())
    expect(logged.visitors.map((v) => v.id)).toEqual([world.ref.users.member.id])
    const corrected = await world.cadre.visit.update({
      id: logged.id,
      version: logged.version,
      visitedOn: '2025-01-23',
      visitorIds: [],
      goods: [{ item: '大米', quantity: 3, unit: '袋', unitValueFen: 10_000 }],
      cashFen: 50_000,
    })
    expect(corrected.visitors.map((v) => v.id)).toEqual([world.ref.users.member.id])
    expect(corrected).toMatchObject({ healthNotes: '老人腿脚不便', livingConditions: '家中取暖靠土炕' })
    expect(corrected.goodsValueFen).toBe(30_000)
    const cleared = await world.cadre.visit.update({
      id: logged.id,
      version: corrected.version,
      visitedOn: '2025-01-23',
      healthNotes: null,
      cashFen: 50_000,
    })
    expect(cleared.healthNotes).toBeNull()
  })

  it('records amounts beyond 32 bits exactly, and refuses a goods value past the exact range', async () => {
    const big = await world.cadre.visit.create(visitInput({ cashFen: 3_000_000_000, goods: [] }))
    expect(big.cashFen).toBe(3_000_000_000)
    const beyond = await failureOf(world.cadre.visit.create(visitInput({ cashFen: 10_000_000_001, goods: [] })))
    expect(beyond.code).toBe('BAD_REQUEST')
    const huge = await failureOf(
      world.cadre.visit.create(
        visitInput({
          goods: [{ item: '物资', quantity: 1_000_000, unit: '批', unitValueFen: Number.MAX_SAFE_INTEGER }],
        }),
      ),
    )
    expect(huge.code).toBe('BAD_REQUEST')
    const issues = (huge.cause as { issues: { path: PropertyKey[]; message: string }[] }).issues
    expect(issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'goods.0.unitValueFen',
      '单价乘数量超过 1 亿元，请核对',
    ])
  })

  it('answers a second create with an offline-made id as already recorded', async () => {
    const id = randomUUID()
    await world.cadre.visit.create(visitInput({ id }))
    expect(await failureOf(world.cadre.visit.create(visitInput({ id })))).toMatchObject({
      code: 'CONFLICT',
      appCode: 'ALREADY_RECORDED',
    })
  })

  it('refuses to book a visit to an activity held in another village', async () => {
    const activity = await world.admin.activity.create(
      activityInput(world.ref.orgs.otherVillageBranch.id, { villageId: world.ref.villages.shangtan.id }),
    )
    const failure = await failureOf(world.admin.visit.create(visitInput({ activityId: activity.id })))
    expect(failure.appCode).toBe('VALIDATION_FAILED')
  })
})
