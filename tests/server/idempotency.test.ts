// Exactly once: a mutation replayed with the same clientMutationId (a retry after a lost answer,
// the offline queue syncing twice) writes one row and answers with the first result.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { failureOf } from '../helpers/errors'
import { cashDonationInput, householdInput, newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

const countDonations = () => world.deps.prisma.donation.count()

describe('clientMutationId', () => {
  it('a replay returns the first result and writes one row', async () => {
    const clientMutationId = newClientMutationId()
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 12_345), clientMutationId }
    const before = await countDonations()
    const first = await world.secretary.donation.create(input)
    const replay = await world.secretary.donation.create(input)
    expect(replay).toEqual(first)
    expect(await countDonations()).toBe(before + 1)
    expect(await world.deps.prisma.auditLog.count({ where: { entityId: first.id } })).toBe(1)
  })

  it('50 parallel calls with one key give exactly one row and one answer', async () => {
    const clientMutationId = newClientMutationId()
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 777), clientMutationId }
    const before = await countDonations()
    const results = await Promise.all(Array.from({ length: 50 }, () => world.secretary.donation.create(input)))
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    expect(await countDonations()).toBe(before + 1)
  })

  it('the same key with a different input is refused, and nothing is written', async () => {
    const clientMutationId = newClientMutationId()
    await world.secretary.donation.create({
      ...cashDonationInput(world.ref.villages.qianyue.id, 100),
      clientMutationId,
    })
    const before = await countDonations()
    const failure = await failureOf(
      world.secretary.donation.create({ ...cashDonationInput(world.ref.villages.qianyue.id, 200), clientMutationId }),
    )
    expect(failure).toMatchObject({ code: 'CONFLICT', appCode: 'IDEMPOTENCY_KEY_REUSED' })
    expect(await countDonations()).toBe(before)
  })

  it('keys belong to a user: another user’s identical key is a separate mutation', async () => {
    const clientMutationId = newClientMutationId()
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 300), clientMutationId }
    const a = await world.secretary.donation.create(input)
    const b = await world.admin.donation.create(input)
    expect(b.id).not.toBe(a.id)
  })

  it('a failed mutation stores no key, so the corrected retry goes through', async () => {
    const clientMutationId = newClientMutationId()
    const input = householdInput(world.ref.villages.qianyue.id, { clientMutationId })
    await world.cadre.household.create(input)
    // Same key, same input: replayed, not a duplicate-code error.
    expect((await world.cadre.household.create(input)).code).toBe(input.code)
    const failingKey = newClientMutationId()
    const duplicate = {
      ...householdInput(world.ref.villages.qianyue.id),
      code: input.code,
      clientMutationId: failingKey,
    }
    expect(await failureOf(world.cadre.household.create(duplicate))).toMatchObject({ appCode: 'HOUSEHOLD_CODE_TAKEN' })
    expect(await world.deps.prisma.idempotencyKey.count({ where: { clientMutationId: failingKey } })).toBe(0)
    const fixed = await world.cadre.household.create({ ...duplicate, code: `${input.code}-B` })
    expect(fixed.code).toBe(`${input.code}-B`)
  })

  it('replays a need recorded under an id the device made, which answers as need.byId does', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const input = {
      id: randomUUID(),
      householdId: household.id,
      category: 'OTHER' as const,
      description: '离线登记的诉求',
      dueOn: '2030-01-02',
      clientMutationId: newClientMutationId(),
    }
    const first = await world.cadre.need.create(input)
    expect(await world.cadre.need.byId({ id: first.id })).toEqual(first)
    expect(await world.cadre.need.create(input)).toEqual(first)
    const again = await failureOf(world.cadre.need.create({ ...input, clientMutationId: newClientMutationId() }))
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'ALREADY_RECORDED' })
    expect(await world.deps.prisma.need.count({ where: { householdId: household.id } })).toBe(1)
    expect(await world.deps.prisma.needEvent.count({ where: { needId: first.id } })).toBe(1)
    expect(await world.deps.prisma.auditLog.count({ where: { entityId: first.id } })).toBe(1)
  })

  it('replays a need transition without moving the need twice', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const need = await world.cadre.need.create({
      householdId: household.id,
      category: 'OTHER',
      description: '测试诉求',
    })
    const move = {
      id: need.id,
      version: need.version,
      to: 'HANDLED_DIRECTLY' as const,
      clientMutationId: newClientMutationId(),
    }
    const [a, b] = await Promise.all([world.cadre.need.transition(move), world.cadre.need.transition(move)])
    expect(a).toEqual(b)
    expect(await world.deps.prisma.needEvent.count({ where: { needId: need.id } })).toBe(2)
  })
})
