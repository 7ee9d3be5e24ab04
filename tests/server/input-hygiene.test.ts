// Input no form makes and PostgreSQL cannot store is refused with a Chinese message naming the
// field, never answered with an internal error (cases the fuzz suite found).
import { beforeAll, describe, expect, it } from 'vitest'
import { inputProblem, MAX_INPUT_DEPTH } from '../../server/lib/input-hygiene'
import { CHINESE, failureOf } from '../helpers/errors'
import { cashDonationInput, householdInput, newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let householdId: string

beforeAll(async () => {
  world = await createWorld()
  householdId = (await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))).id
})

const deep = (levels: number): unknown => (levels ? { next: deep(levels - 1) } : 'end')

describe('inputProblem', () => {
  it('names the field with a NUL, a control character or a lone surrogate, and refuses deep nesting', () => {
    expect(inputProblem({ a: [{ b: 'x\u0000y' }] })?.path).toBe('a.0.b')
    expect(inputProblem({ note: 'bell\u0007' })?.path).toBe('note')
    expect(inputProblem({ note: 'half \ud800 a pair' })?.path).toBe('note')
    expect(inputProblem({ note: '表情 😀 与换行\n和制表\t' })).toBeNull()
    expect(inputProblem(deep(MAX_INPUT_DEPTH - 1))).toBeNull()
    expect(inputProblem(deep(5_000))?.message).toMatch(CHINESE)
  })
})

describe('procedures', () => {
  it('refuses unstorable text as a field error, not an internal one', async () => {
    const failure = await failureOf(
      world.cadre.need.create({ householdId, category: 'OTHER', description: '需要\u0000帮助' }),
    )
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' })
    expect((failure.cause as { fieldErrors: Record<string, string[]> }).fieldErrors.description?.[0]).toMatch(CHINESE)
    const reveal = await failureOf(
      world.cadre.household.reveal({ id: householdId, field: 'idNumber', reason: '核对\ud800' }),
    )
    expect(reveal.code).toBe('BAD_REQUEST')
  })

  it('takes a BigInt or deep junk beside a retry key as bad input', async () => {
    const input = {
      ...cashDonationInput(world.ref.villages.qianyue.id, 100),
      clientMutationId: newClientMutationId(),
      extra: 1n,
    }
    await expect(world.secretary.donation.create(input as never)).resolves.toMatchObject({ amountFen: 100 })
    const nested = { ...input, clientMutationId: newClientMutationId(), extra: deep(3_000) }
    expect((await failureOf(world.secretary.donation.create(nested as never))).code).toBe('BAD_REQUEST')
  })

  it('refuses days PostgreSQL cannot hold and versions past 32 bits', async () => {
    const day = await failureOf(
      world.secretary.donation.create({
        ...cashDonationInput(world.ref.villages.qianyue.id, 100),
        receivedOn: '0000-01-01',
      }),
    )
    expect(day.code).toBe('BAD_REQUEST')
    expect((await failureOf(world.admin.activity.list({ month: '9999-12' }))).code).toBe('BAD_REQUEST')
    const need = await world.cadre.need.create({ householdId, category: 'OTHER', description: '测试诉求' })
    const version = await failureOf(
      world.cadre.need.update({ id: need.id, version: 2_147_483_648, category: 'OTHER', description: '测试诉求' }),
    )
    expect(version.code).toBe('BAD_REQUEST')
  })
})
