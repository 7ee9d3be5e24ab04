// Donations: cash and goods in integer fen, never deleted, voided with a reason and an audit
// entry, and the totals stay consistent.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditSnapshot } from '../../server/services/audit/write-audit'
import { donationRow, writeDonation } from '../../server/services/donations/write-donation'
import { failureOf } from '../helpers/errors'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

let world: World
let activityId: string

beforeAll(async () => {
  world = await createWorld()
  activityId = (await world.secretary.activity.create(activityInput(world.ref.orgs.bureauBranch.id))).id
})

describe('donations', () => {
  it('values goods line by line, exactly, and refuses float amounts', async () => {
    const donation = await world.secretary.donation.create({
      ...cashDonationInput(world.ref.villages.qianyue.id, 0),
      kind: 'GOODS',
      amountFen: undefined,
      activityId,
      goods: [
        { item: '大米', quantity: 3, unit: '袋', unitValueFen: 9_999 },
        { item: '食用油', quantity: 7, unit: '桶', unitValueFen: 4_850 },
      ],
    })
    expect(donation.amountFen).toBe(3 * 9_999 + 7 * 4_850)
    expect(donation.goods.map((g) => g.valueFen)).toEqual([29_997, 33_950])
    const fractional = await failureOf(
      world.secretary.donation.create(cashDonationInput(world.ref.villages.qianyue.id, 100.5)),
    )
    expect(fractional).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('writes the donation, its goods, its audit entry and its retry key as one statement', async () => {
    const clientMutationId = randomUUID()
    const donation = await world.secretary.donation.create({
      ...cashDonationInput(world.ref.villages.qianyue.id, 0),
      clientMutationId,
      kind: 'GOODS',
      amountFen: undefined,
      note: '春节慰问',
      goods: [{ item: '面粉', quantity: 4, unit: '袋', unitValueFen: 7_500 }],
    })
    const stored = await world.deps.prisma.donation.findUniqueOrThrow({
      where: { id: donation.id },
      include: { goods: true },
    })
    // The answer and the audit entry are made before the write: they must say what was stored.
    expect(donation).toMatchObject({ id: stored.id, version: stored.version, createdAt: stored.createdAt })
    expect(donation.goods).toEqual(
      stored.goods.map(({ donationId: _, unitValueFen, valueFen, ...line }) => ({
        ...line,
        unitValueFen: Number(unitValueFen),
        valueFen: Number(valueFen),
      })),
    )
    expect(stored.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'donation.create', entityId: donation.id },
    })
    expect(audit.after).toEqual(auditSnapshot(world.deps.crypto, stored))
    expect(audit.requestId).toBeTruthy()
    const key = await world.deps.prisma.idempotencyKey.findUniqueOrThrow({
      where: { userId_clientMutationId: { userId: world.ref.users.secretary.id, clientMutationId } },
    })
    expect(key).toMatchObject({ procedure: 'donation.create', result: { format: 'wire' } })
  })

  it('writes nothing for a household anonymised after the checks, and stores no retry key', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const ctx = await world.serviceContextAs(world.ref.users.secretary.id)
    const row = donationRow(
      {
        donorOrgId: null,
        donorName: '个人',
        recipientKind: 'HOUSEHOLD',
        villageId: world.ref.villages.qianyue.id,
        householdId: household.id,
        cadreUserId: null,
        activityId: null,
        kind: 'CASH',
        amountFen: 10_000n,
        receivedOn: new Date('2025-01-23T00:00:00Z'),
        note: null,
        goods: [],
      },
      world.ref.users.secretary.id,
    )
    await world.deps.prisma.household.update({ where: { id: household.id }, data: { anonymisedAt: new Date() } })
    const key = {
      userId: world.ref.users.secretary.id,
      clientMutationId: randomUUID(),
      procedure: 'donation.create',
      requestHash: 'test',
    }
    await expect(writeDonation(ctx, row, { key, result: { id: row.id } })).rejects.toMatchObject({
      code: 'HOUSEHOLD_ANONYMISED',
    })
    expect(await world.deps.prisma.donation.count({ where: { id: row.id } })).toBe(0)
    expect(await world.deps.prisma.auditLog.count({ where: { entityId: row.id } })).toBe(0)
    expect(await world.deps.prisma.idempotencyKey.count({ where: { clientMutationId: key.clientMutationId } })).toBe(0)

    await world.deps.prisma.household.update({ where: { id: household.id }, data: { anonymisedAt: null } })
    await writeDonation(ctx, row, null)
    expect(await world.deps.prisma.donation.count({ where: { id: row.id } })).toBe(1)
  })

  it('voiding keeps the ledger row, drops it from every total and leaves an audit entry', async () => {
    const village = world.ref.villages.qianyue.id
    const kept = await world.secretary.donation.create(cashDonationInput(village, 100_000, { activityId }))
    const mistaken = await world.secretary.donation.create(cashDonationInput(village, 50_000, { activityId }))
    const before = await world.secretary.stats.summary({ activityId })
    const voided = await world.secretary.donation.void({
      id: mistaken.id,
      version: mistaken.version,
      reason: '重复登记',
    })
    expect(voided).toMatchObject({ isVoided: true, voidReason: '重复登记', canEdit: false })

    const after = await world.secretary.stats.summary({ activityId })
    expect(after.totals.cashFen).toBe(before.totals.cashFen - 50_000)
    expect((await world.secretary.activity.byId({ id: activityId })).totals.cashFen).toBe(after.totals.cashFen)
    const ledger = await world.secretary.donation.list({ activityId })
    expect(ledger.totals.cashFen).toBe(after.totals.cashFen)
    expect(ledger.items.map((d) => d.id)).toContain(kept.id)
    expect(ledger.items.map((d) => d.id)).not.toContain(mistaken.id)
    const withVoided = await world.secretary.donation.list({ activityId, includeVoided: true })
    expect(withVoided.items.find((d) => d.id === mistaken.id)?.isVoided).toBe(true)
    expect(await world.deps.prisma.donation.count({ where: { id: mistaken.id } })).toBe(1)

    const audit = await world.deps.prisma.auditLog.findFirstOrThrow({
      where: { action: 'donation.void', entityId: mistaken.id },
    })
    expect(audit.actorId).toBe(world.ref.users.secretary.id)
    expect(audit.before).toMatchObject({ amountFen: '50000', voidedAt: null })
    expect(audit.after).toMatchObject({ voidReason: '重复登记' })
    expect(audit.requestId).toBeTruthy()
  })

  it('refuses to void twice, or to edit a voided donation', async () => {
    const d = await world.secretary.donation.create(cashDonationInput(world.ref.villages.qianyue.id, 1_000))
    const voided = await world.secretary.donation.void({ id: d.id, version: d.version, reason: '录入错误' })
    expect(
      await failureOf(world.secretary.donation.void({ id: d.id, version: voided.version, reason: '再次作废' })),
    ).toMatchObject({
      code: 'CONFLICT',
      appCode: 'DONATION_ALREADY_VOIDED',
    })
    expect(
      await failureOf(
        world.secretary.donation.update({ id: d.id, version: voided.version, receivedOn: '2025-03-01', note: 'x' }),
      ),
    ).toMatchObject({ appCode: 'DONATION_ALREADY_VOIDED' })
  })

  it('lets only a secretary of the donor’s or the activity’s branch void it', async () => {
    const d = await world.admin.donation.create(cashDonationInput(world.ref.villages.shangtan.id, 1_000))
    expect(
      await failureOf(world.secretary.donation.void({ id: d.id, version: d.version, reason: '越权作废' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(
      await failureOf(world.cadre.donation.void({ id: d.id, version: d.version, reason: '越权作废' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
    })
  })
})

describe('donation.createBatch', () => {
  it('records the seven law firms’ donations at once, all or none', async () => {
    const { villages, orgs } = world.ref
    const firms = orgs.firmBranches.map((org, i) =>
      cashDonationInput(villages.qianyue.id, [800_000, 600_000, 500_000, 500_000, 400_000, 400_000, 400_000][i] ?? 0, {
        donorOrgId: org.id,
        donorName: undefined,
      }),
    )
    const before = await world.deps.prisma.donation.count()
    const batch = await world.secretary.donation.createBatch({ donations: firms })
    expect(batch).toMatchObject({ count: 7, totalFen: 3_600_000 })
    expect(await world.deps.prisma.donation.count()).toBe(before + 7)
    expect(await world.deps.prisma.auditLog.count({ where: { entityId: { in: batch.ids } } })).toBe(7)

    const outOfScope = cashDonationInput(villages.shangtan.id, 100)
    const failure = await failureOf(
      world.secretary.donation.createBatch({ donations: [...firms.slice(0, 3), outOfScope, ...firms.slice(3)] }),
    )
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: '第 4 笔：所选的村不存在或不在您的帮扶范围内' })
    expect(
      (failure.cause as { fieldErrors: Record<string, string[]> }).fieldErrors['donations.3.villageId'],
    ).toBeDefined()
    expect(await world.deps.prisma.donation.count()).toBe(before + 7)
  })
})
