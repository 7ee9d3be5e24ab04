// The 诉求 workflow: legal moves, refused moves, what each move must carry, and the timeline.
import { beforeAll, describe, expect, it } from 'vitest'
import type { TTransitionNeedRequest } from '../../common/contracts/need/transition-need'
import type { NeedStatus } from '../../common/enums'
import { CHINESE, failureOf } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
})

const newNeed = () =>
  world.cadre.need.create({ householdId, category: 'HOUSING', description: '院墙倒塌需要修复', urgency: 'URGENT' })

type Carried = Pick<TTransitionNeedRequest, 'note' | 'responsibleUnit' | 'satisfaction'>

/** The need moved on by the village's cadre, from the version in hand, with what the move carries. */
const move = (need: { id: string; version: number }, to: NeedStatus, carried: Carried = {}) =>
  world.cadre.need.transition({ id: need.id, version: need.version, to, ...carried })

describe('need.transition', () => {
  it('walks received → transferred → in progress → resolved → followed up, with a timeline', async () => {
    let need = await newNeed()
    expect(need.status).toBe('RECEIVED')
    expect(need.nextSteps.map((s) => s.to)).toEqual(['HANDLED_DIRECTLY', 'TRANSFERRED', 'REJECTED'])
    need = await move(need, 'TRANSFERRED', { responsibleUnit: '良教乡人民政府' })
    expect(need).toMatchObject({ status: 'TRANSFERRED', responsibleUnit: '良教乡人民政府' })
    need = await move(need, 'IN_PROGRESS')
    need = await move(need, 'RESOLVED', { note: '乡政府已安排施工队修复' })
    expect(need.resolvedAt).toBeInstanceOf(Date)
    need = await move(need, 'FOLLOWED_UP', { satisfaction: 4, note: '入户回访' })
    expect(need).toMatchObject({ status: 'FOLLOWED_UP', satisfaction: 4, isOpen: false, nextSteps: [] })
    expect(need.timeline.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'TRANSFERRED'],
      ['TRANSFERRED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'RESOLVED'],
      ['RESOLVED', 'FOLLOWED_UP'],
    ])
    expect(need.timeline.every((e) => e.actor.id === world.ref.users.cadre.id)).toBe(true)
    expect(need.timeline[1]?.note).toContain('良教乡人民政府')
    const edit = { id: need.id, version: need.version, category: 'HOUSING' as const, description: '事后改写' }
    expect(await failureOf(world.cadre.need.update(edit))).toMatchObject({ code: 'CONFLICT', appCode: 'NEED_CLOSED' })
  })

  it('handles a need directly and resolves it at once (马上办)', async () => {
    let need = await newNeed()
    need = await move(need, 'HANDLED_DIRECTLY')
    need = await move(need, 'RESOLVED', { note: '当场协调解决' })
    expect(need.status).toBe('RESOLVED')
  })

  it('refuses an illegal move, saying which moves are allowed', async () => {
    const need = await newNeed()
    const failure = await failureOf(move(need, 'FOLLOWED_UP', { satisfaction: 5 }))
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'NEED_ILLEGAL_TRANSITION', httpStatus: 400 })
    expect(failure.message).toBe('诉求当前为「已受理」，不能改为「已回访」。可以进行：直接办理、转交责任单位、不予受理')
    const unchanged = await world.cadre.need.byId({ id: need.id })
    expect(unchanged).toMatchObject({ status: 'RECEIVED', version: need.version })
    expect(unchanged.timeline).toHaveLength(1)
  })

  it('ends at rejected: nothing may follow', async () => {
    let need = await newNeed()
    need = await move(need, 'REJECTED', { note: '不属于帮扶范围，已解释' })
    const failure = await failureOf(move(need, 'IN_PROGRESS'))
    expect(failure.message).toContain('已经办结')
  })

  it.each([
    ['TRANSFERRED', 'responsibleUnit', '请填写责任单位'],
    ['REJECTED', 'note', '请填写办理说明'],
  ] as const)('requires what a move to %s must carry', async (to, field, message) => {
    const need = await newNeed()
    const failure = await failureOf(move(need, to))
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED', message })
    expect((failure.cause as { fieldErrors: Record<string, string[]> }).fieldErrors[field]).toEqual([message])
  })

  it('requires a satisfaction score from 1 to 5 at the follow-up', async () => {
    let need = await newNeed()
    need = await move(need, 'HANDLED_DIRECTLY')
    need = await move(need, 'RESOLVED', { note: '已解决' })
    expect(await failureOf(move(need, 'FOLLOWED_UP'))).toMatchObject({
      message: '请选择群众满意度',
    })
    const outOfRange = await failureOf(move(need, 'FOLLOWED_UP', { satisfaction: 6 }))
    expect(outOfRange.code).toBe('BAD_REQUEST')
  })

  it('refuses a move made on a stale version', async () => {
    const need = await newNeed()
    await move(need, 'HANDLED_DIRECTLY')
    const failure = await failureOf(move(need, 'TRANSFERRED', { responsibleUnit: 'x' }))
    expect(failure).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT' })
    expect(failure.message).toMatch(CHINESE)
  })

  it('lets only record keepers move needs: a secretary may record but not transition', async () => {
    const need = await world.secretary.need.create({ householdId, category: 'FUNDS', description: '申请临时救助' })
    expect(need.nextSteps).toEqual([])
    expect(
      await failureOf(world.secretary.need.transition({ id: need.id, version: need.version, to: 'HANDLED_DIRECTLY' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})

describe('a resident’s need', () => {
  it('is submitted for their own household and follows the cadre’s moves', async () => {
    expect(
      await failureOf(world.resident.resident.submitNeed({ category: 'MEDICAL', description: '未绑定时提交' })),
    ).toMatchObject({
      appCode: 'RESIDENT_NOT_BOUND',
    })
    const household = await world.cadre.household.create(
      householdInput(world.ref.villages.qianyue.id, { headName: '马德林' }),
    )
    const idNumber = (await world.cadre.household.reveal({ id: household.id, field: 'idNumber', reason: '测试绑定' }))
      .value as string
    await world.resident.resident.bindHousehold({ headName: '马德林', idNumber })
    const resident = await world.as(world.ref.users.resident.id)
    const need = await resident.resident.submitNeed({ category: 'MEDICAL', description: '希望安排上门体检' })
    expect(need).toMatchObject({ status: 'RECEIVED', source: 'RESIDENT', household: { id: household.id } })
    const board = await world.cadre.need.byId({ id: need.id })
    await world.cadre.need.transition({
      id: need.id,
      version: board.version,
      to: 'HANDLED_DIRECTLY',
      note: '联系乡卫生院',
    })
    const followed = await resident.resident.myNeedById({ id: need.id })
    expect(followed.status).toBe('HANDLED_DIRECTLY')
    expect(followed.timeline.map((e) => e.toStatus)).toEqual(['RECEIVED', 'HANDLED_DIRECTLY'])
    const mine = await resident.resident.myNeeds()
    expect(mine.items.map((n) => n.id)).toEqual([need.id])
  })
})
