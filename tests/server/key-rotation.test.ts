// Rotating the field-encryption key: while servers run with the new key and the old one, every
// record stays readable and findable; the rotation moves every ciphertext and blind index to the
// new key, resumably; afterwards the old key is no longer needed.
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { callerFor } from '../../server/caller'
import { createFieldCrypto } from '../../server/lib/field-crypto'
import { rotateFieldKey } from '../../server/services/keys/rotate-field-key'
import { householdInput, newClientMutationId } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

const oldKey = randomBytes(32)
let world: World

beforeAll(async () => {
  world = await createWorld({ fieldKey: oldKey })
})

const ciphertexts = async () =>
  world.deps.prisma.$queryRawUnsafe<{ value: string }[]>(`
    SELECT "idNumberEnc" AS value FROM "Household" UNION ALL SELECT "phoneEnc" FROM "Household" WHERE "phoneEnc" IS NOT NULL
    UNION ALL SELECT "idNumberEnc" FROM "HouseholdMember" WHERE "idNumberEnc" IS NOT NULL
    UNION ALL SELECT "healthEnc" FROM "HouseholdMember"
    UNION ALL SELECT "healthEnc" FROM "Visit" WHERE "healthEnc" IS NOT NULL
    UNION ALL SELECT result->>'sealed' FROM "IdempotencyKey" WHERE result IS NOT NULL`)

describe('keys:rotate', () => {
  it('moves every ciphertext and index to the new key, with records readable throughout', async () => {
    const village = world.ref.villages.qianyue.id
    const inputs = Array.from({ length: 5 }, () => householdInput(village, { clientMutationId: newClientMutationId() }))
    const households = []
    for (const input of inputs) households.push(await world.cadre.household.create(input))
    const first = households[0]
    const firstInput = inputs[0]
    if (!first || !firstInput) throw new Error('no households')
    await world.cadre.visit.create({
      target: 'HOUSEHOLD',
      householdId: first.id,
      visitedOn: '2025-01-23',
      healthNotes: '腰痛',
      cashFen: 0,
    })

    // The servers restart with the new key and the old one as previous.
    const newKey = randomBytes(32)
    const both = createFieldCrypto(newKey, [oldKey])
    const cadre = await callerFor({ ...world.deps, crypto: both }, world.ref.users.cadre.id)
    expect((await cadre.household.list({ search: firstInput.idNumber })).items.map((h) => h.id)).toEqual([first.id])
    // A retry that crosses the rotation is still recognised.
    expect((await cadre.household.create(firstInput)).id).toBe(first.id)

    const report = await rotateFieldKey(world.deps.prisma, both, { batchSize: 2 })
    expect(report.remaining).toBe(0)
    expect(report.moved.Household).toBeGreaterThanOrEqual(5)
    expect(report.moved.Visit).toBe(1)
    expect(report.moved.IdempotencyKey).toBeGreaterThanOrEqual(5)
    for (const { value } of await ciphertexts()) expect(both.isCurrent(value)).toBe(true)
    expect((await rotateFieldKey(world.deps.prisma, both)).moved).toEqual({
      Household: 0,
      HouseholdMember: 0,
      Visit: 0,
      IdempotencyKey: 0,
    })

    // The old key can go: everything opens and is found with the new key alone.
    const onlyNew = createFieldCrypto(newKey)
    const after = await callerFor({ ...world.deps, crypto: onlyNew }, world.ref.users.cadre.id)
    expect((await after.household.reveal({ id: first.id, field: 'idNumber', reason: '核对' })).value).toBe(
      firstInput.idNumber,
    )
    expect((await after.household.list({ search: firstInput.idNumber })).items.map((h) => h.id)).toEqual([first.id])
    expect((await after.household.byId({ id: first.id })).members[0]?.health).toEqual({
      status: 'CHRONIC_ILLNESS',
      detail: '高血压',
    })
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({ where: { action: 'keys.rotate' } })
    expect(audit.entityId).toBe(onlyNew.keyId)
  })
})
