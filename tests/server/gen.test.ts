// `npm run gen`'s core on two fresh test databases at a tiny scale (300 households): the same
// flags give the same rows, the sealed fields open through the app, the app's totals agree with
// the rows, every need status is there with a timeline that follows the workflow, data scope
// holds for a generated cadre, and the audit chain is still whole.
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { NEED_STATUSES } from '../../common/enums'
import { idNumberProblem } from '../../common/personal-data'
import { type GenerateReport, GenerationRefused, generate } from '../../scripts/gen/generate'
import { SCALES, withHouseholds } from '../../scripts/gen/scale'
import { verifyAuditChain } from '../../server/services/audit/verify-chain'
import { hashPassword } from '../../server/services/auth/passwords'
import { failureOf } from '../helpers/errors'
import { createWorld, type World } from '../helpers/world'

const scale = withHouseholds(SCALES.county, 300)
const fieldKey = randomBytes(32)
let passwordHash: string
let a: World
let b: World
let reportA: GenerateReport
let reportB: GenerateReport

const run = (world: World, isReset = false) =>
  generate({ url: world.deps.url, scale, crypto: world.deps.crypto, passwordHash, isReset })

beforeAll(async () => {
  passwordHash = await hashPassword('gen-test-password')
  ;[a, b] = await Promise.all([createWorld({ fieldKey }), createWorld({ fieldKey })])
  reportA = await run(a)
  reportB = await run(b)
}, 120_000)

const identities = (world: World) =>
  world.deps.prisma.$queryRaw<{ code: string; idNumberHash: string | null; members: string[] }[]>`
    SELECT h."code", h."idNumberHash",
           array_agg(m."idNumberHash" ORDER BY m."sortOrder") AS members
      FROM "Household" h JOIN "HouseholdMember" m ON m."householdId" = h."id"
     GROUP BY h."id" ORDER BY h."code"`

describe('npm run gen (core, 300 households)', () => {
  it('writes the same rows for the same flags, into two databases', async () => {
    expect(reportA.counts.Household).toBe(300)
    expect(reportA.counts).toEqual(reportB.counts)
    for (const table of [
      'HouseholdMember',
      'Visit',
      'Donation',
      'DonationGoods',
      'Need',
      'NeedEvent',
      'Activity',
    ] as const)
      expect(reportA.counts[table], table).toBeGreaterThan(0)
    const [left, right] = await Promise.all([identities(a), identities(b)])
    expect(left).toHaveLength(300)
    expect(left).toEqual(right)
    const sums = (world: World) =>
      world.deps.prisma.$queryRaw<{ total: bigint }[]>`SELECT sum("amountFen") AS total FROM "Donation"`
    expect(await sums(a)).toEqual(await sums(b))
  })

  it('refuses a second run on the same database unless told to reset, and then starts afresh', async () => {
    await expect(run(b)).rejects.toBeInstanceOf(GenerationRefused)
    const again = await run(b, true)
    expect(again.counts).toEqual(reportA.counts)
    expect(await identities(b)).toEqual(await identities(a))
  })

  it('seals ID numbers, phones and health so that the household service opens them', async () => {
    const [row] = await a.deps.prisma.household.findMany({
      where: { code: { startsWith: '6301' }, phoneEnc: { not: null } },
      orderBy: { code: 'asc' },
      take: 1,
      select: { id: true, idNumberEnc: true, idNumberHash: true },
    })
    if (!row) throw new Error('no generated household with a phone')
    expect(row.idNumberEnc).toMatch(/^v1:/)
    const household = await a.admin.household.byId({ id: row.id })
    expect(household.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/)
    expect(household.members[0]?.relationship).toBe('HEAD')
    expect(household.members.every((m) => m.health !== null && typeof m.health.status === 'string')).toBe(true)

    const { value: idNumber } = await a.admin.household.reveal({
      id: row.id,
      field: 'idNumber',
      reason: '核对生成数据',
    })
    expect(idNumber && idNumberProblem(idNumber)).toBeNull()
    expect(a.deps.crypto.blindIndex(idNumber as string, 'idNumber')).toBe(row.idNumberHash)
    expect(household.idNumberMasked).toBe(`${idNumber?.slice(0, 6)}********${idNumber?.slice(-4)}`)
    const { value: phone } = await a.admin.household.reveal({ id: row.id, field: 'phone', reason: '核对生成数据' })
    expect(phone).toMatch(/^1\d{10}$/)
    // Plaintext never reaches the table.
    const leaks = await a.deps.prisma.household.count({ where: { idNumberEnc: { contains: idNumber as string } } })
    expect(leaks).toBe(0)
  })

  it('adds up in stats.summary exactly as a SUM over the donations does', async () => {
    const [sql] = await a.deps.prisma.$queryRaw<{ total: bigint; cash: bigint; count: bigint }[]>`
      SELECT sum("amountFen") AS total, sum("amountFen") FILTER (WHERE "kind" = 'CASH') AS cash, count(*) AS count
        FROM "Donation" WHERE "voidedAt" IS NULL`
    const summary = await a.admin.stats.summary({})
    expect(summary.totals.totalFen).toBe(Number(sql?.total))
    expect(summary.totals.cashFen).toBe(Number(sql?.cash))
    expect(summary.totals.donationCount).toBe(Number(sql?.count))
    expect(await a.deps.prisma.donation.count({ where: { voidedAt: { not: null } } })).toBeGreaterThan(0)
  })

  it('has needs in every status, each with a timeline that ends in its status', async () => {
    const groups = await a.deps.prisma.need.groupBy({ by: ['status'], _count: { _all: true } })
    expect(groups.map((g) => g.status).sort()).toEqual([...NEED_STATUSES].sort())
    const mismatched = await a.deps.prisma.$queryRaw<{ id: string }[]>`
      SELECT n."id" FROM "Need" n
       WHERE n."version" <> (SELECT count(*) FROM "NeedEvent" e WHERE e."needId" = n."id")
          OR n."status" <> (SELECT e."toStatus" FROM "NeedEvent" e WHERE e."needId" = n."id"
                             ORDER BY e."createdAt" DESC LIMIT 1)`
    expect(mismatched).toEqual([])
  })

  it('shows a generated village cadre only their own village', async () => {
    const post = await a.deps.prisma.cadreVillage.findFirstOrThrow({
      where: { post: '村党支部书记', village: { households: { some: {} } } },
      orderBy: { village: { adminCode: 'asc' } },
      select: { userId: true, villageId: true },
    })
    const cadre = await a.as(post.userId)
    const page = await cadre.household.list({ limit: 100 })
    const inVillage = await a.deps.prisma.household.count({ where: { villageId: post.villageId } })
    expect(page.items.length).toBe(Math.min(100, inVillage))
    expect(page.items.every((h) => h.village.id === post.villageId)).toBe(true)
    const elsewhere = await a.deps.prisma.household.findFirstOrThrow({
      where: { villageId: { not: post.villageId }, code: { startsWith: '6301' } },
      select: { id: true },
    })
    expect((await failureOf(cadre.household.byId({ id: elsewhere.id }))).code).toBe('NOT_FOUND')
  })

  it('leaves the audit chain whole (what `npm run audit:verify` checks)', async () => {
    const report = await verifyAuditChain(a.deps.prisma)
    expect(report.firstBroken).toBeNull()
    expect(report.unlinked).toBe(0)
    // The generator writes no audit entries of its own: only the reveals above are there.
    expect(await a.deps.prisma.auditLog.count({ where: { action: { not: { startsWith: 'household.reveal' } } } })).toBe(
      0,
    )
  })
})
