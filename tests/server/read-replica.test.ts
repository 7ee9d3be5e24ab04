// DATABASE_REPLICA_URL: the heavy read-only reports (stats.summary, report.dailyNeeds, the Excel
// exports' rows) read the replica; every write, every read inside a mutation and an export's audit
// entry stay on the primary. The "replica" here is a second database on the same server, copied
// from the primary and then filled differently, so that each figure shows where it was read.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate } from '../../common/dates'
import { DEMO_ACCOUNTS, type ReferenceData, seedReferenceDataAtomically } from '../../prisma/seed/reference-data'
import { type Caller, callerFor } from '../../server/caller'
import type { AppDeps } from '../../server/context'
import { createPrismaClient, type Db } from '../../server/db/client'
import { InvalidEnvError, parseEnv } from '../../server/env'
import { buildServer } from '../../server/http/build-server'
import { createFieldCrypto } from '../../server/lib/field-crypto'
import { createWindowCounter } from '../../server/lib/window-counter'
import { DEFAULT_SECURITY_POLICY } from '../../server/security-policy'
import { LEDGER_SHEET } from '../../server/services/exports/donation-ledger'
import { cashDonationInput, householdInput, newClientMutationId } from '../helpers/factories'
import { adminDatabaseUrl, createTestDatabase, withDatabase } from '../helpers/test-database'
import { TEST_PASSWORD } from '../helpers/world'
import { rowsOf, workbookOf } from '../helpers/xlsx'

const PRIMARY_ONLY_DONOR = '仅在主库的捐赠方'
const REPLICA_ONLY_DONOR = '仅在副本的捐赠方'

const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminDatabaseUrl() })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

let ref: ReferenceData
let primary: Db
let replicaDb: Db
/** Primary only, as without DATABASE_REPLICA_URL. */
let primaryDeps: AppDeps
/** Primary, with the replica for the reports. */
let replicatedDeps: AppDeps

const depsOn = (prisma: Db, replica: Db | undefined, crypto: AppDeps['crypto']): AppDeps => ({
  prisma,
  replica,
  crypto,
  wechat: null,
  sessionTtlMs: 3_600_000,
  security: { ...DEFAULT_SECURITY_POLICY, requestsPerMinute: Number.MAX_SAFE_INTEGER },
  callsPerUser: createWindowCounter({ max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }),
  databaseKind: 'external',
  log: pino({ level: 'silent' }),
})

beforeAll(async () => {
  const primaryDatabase = await createTestDatabase()
  // The same orgs, villages and accounts (same ids) on both: seed, close every connection, copy.
  const seeding = createPrismaClient({ url: primaryDatabase.url, poolSize: 2 })
  ref = await seedReferenceDataAtomically(seeding, { password: TEST_PASSWORD })
  await seeding.$disconnect()
  const replicaName = `${primaryDatabase.name}_replica`
  await admin((c) => c.query(`CREATE DATABASE "${replicaName}" TEMPLATE "${primaryDatabase.name}"`))
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`)))

  primary = createPrismaClient({ url: primaryDatabase.url, poolSize: 4 })
  replicaDb = createPrismaClient({ url: withDatabase(adminDatabaseUrl(), replicaName), poolSize: 4 })
  afterAll(() => Promise.all([primary.$disconnect(), replicaDb.$disconnect()]))
  const crypto = createFieldCrypto(randomBytes(32))
  primaryDeps = depsOn(primary, undefined, crypto)
  replicatedDeps = depsOn(primary, replicaDb, crypto)

  const qianyue = ref.villages.qianyue.id
  // A donation only the primary has (written through the API, as users write).
  const onPrimary = await callerFor(primaryDeps, ref.users.secretary.id)
  await onPrimary.donation.create(cashDonationInput(qianyue, 1_000_00, { donorName: PRIMARY_ONLY_DONOR }))
  // …and a donation and a need (received today) only the replica has: the API on the replica's database.
  const replicaAsPrimary = depsOn(replicaDb, undefined, crypto)
  const onReplica = await callerFor(replicaAsPrimary, ref.users.secretary.id)
  await onReplica.donation.create(cashDonationInput(qianyue, 7, { donorName: REPLICA_ONLY_DONOR }))
  const cadreOnReplica = await callerFor(replicaAsPrimary, ref.users.cadre.id)
  const household = await cadreOnReplica.household.create(householdInput(qianyue))
  await cadreOnReplica.need.create({ householdId: household.id, category: 'HOUSING', description: '屋顶漏雨需要修缮' })
})

const donorsOf = (summary: { byDonor: { donorName: string }[] }) => summary.byDonor.map((d) => d.donorName)

/** The donation ledger as a signed-in secretary downloads it from a server on `deps`. */
const ledgerDonors = async (deps: AppDeps): Promise<string[]> => {
  const app = await buildServer({ deps, logger: pino({ level: 'silent' }) })
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
    const login = await fetch(`${baseUrl}/trpc/auth.loginWithPassword`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: DEMO_ACCOUNTS.secretary.phone, password: TEST_PASSWORD }),
    })
    const { token } = ((await login.json()) as { result: { data: { token: string } } }).result.data
    const response = await fetch(`${baseUrl}/exports/donation-ledger.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(200)
    const rows = rowsOf(await workbookOf(await response.arrayBuffer()), LEDGER_SHEET, ['日期', '捐赠方'])
    return rows.map((r) => String(r.捐赠方))
  } finally {
    await app.close()
  }
}

const exportAudits = (db: Db) => db.auditLog.count({ where: { action: 'export.donationLedger' } })

describe('with DATABASE_REPLICA_URL set', () => {
  let secretary: Caller
  beforeAll(async () => {
    secretary = await callerFor(replicatedDeps, ref.users.secretary.id)
  })

  it('reads stats.summary from the replica', async () => {
    const summary = await secretary.stats.summary()
    expect(donorsOf(summary)).toContain(REPLICA_ONLY_DONOR)
    expect(donorsOf(summary)).not.toContain(PRIMARY_ONLY_DONOR)
    expect(summary.totals.cashFen).toBe(7)
  })

  it('reads report.dailyNeeds from the replica', async () => {
    const report = await secretary.report.dailyNeeds({ date: shanghaiDate() })
    expect(report.figures.received).toBe(1)
    expect(report.hotTopics.map((t) => t.category)).toEqual(['HOUSING'])
  })

  it("reads an export's rows from the replica, and writes its audit entry on the primary", async () => {
    const [primaryAuditsBefore, replicaAuditsBefore] = await Promise.all([
      exportAudits(primary),
      exportAudits(replicaDb),
    ])
    const donors = await ledgerDonors(replicatedDeps)
    expect(donors).toEqual([REPLICA_ONLY_DONOR])
    expect(await exportAudits(primary)).toBe(primaryAuditsBefore + 1)
    expect(await exportAudits(replicaDb)).toBe(replicaAuditsBefore)
  })

  it('writes to the primary, and reads inside a mutation see the primary', async () => {
    const created = await secretary.donation.create(
      cashDonationInput(ref.villages.qianyue.id, 2_00, {
        donorName: '副本模式下新登记',
        clientMutationId: newClientMutationId(),
      }),
    )
    expect(await primary.donation.count({ where: { id: created.id } })).toBe(1)
    expect(await replicaDb.donation.count({ where: { id: created.id } })).toBe(0)
    // Voiding reads the donation in the transaction: it exists only on the primary.
    const primaryOnly = await primary.donation.findFirstOrThrow({ where: { donorName: PRIMARY_ONLY_DONOR } })
    const voided = await secretary.donation.void({
      id: primaryOnly.id,
      version: primaryOnly.version,
      reason: '重复登记，作废',
    })
    expect(voided.voidedAt).not.toBeNull()
    // Ordinary reads (lists, details) stay on the primary too.
    const { items } = await secretary.donation.list({})
    expect(items.map((d) => d.donorName)).toContain('副本模式下新登记')
    expect(items.map((d) => d.donorName)).not.toContain(REPLICA_ONLY_DONOR)
  })
})

describe('without DATABASE_REPLICA_URL', () => {
  it('reads every report from the primary', async () => {
    const secretary = await callerFor(primaryDeps, ref.users.secretary.id)
    const summary = await secretary.stats.summary()
    expect(donorsOf(summary)).not.toContain(REPLICA_ONLY_DONOR)
    expect(donorsOf(summary)).toContain('副本模式下新登记')
    expect((await secretary.report.dailyNeeds({ date: shanghaiDate() })).figures.received).toBe(0)
    // (PRIMARY_ONLY_DONOR's donation was voided above: voided donations are left out.)
    expect(await ledgerDonors(primaryDeps)).toEqual(['副本模式下新登记'])
  })
})

describe('DATABASE_REPLICA_URL is checked at start-up', () => {
  const key = randomBytes(32).toString('base64')
  const external = { DATABASE_URL: 'postgresql://app@db:5432/ledger', FIELD_ENCRYPTION_KEY: key }

  it('is taken with DATABASE_URL', () => {
    const env = parseEnv({ ...external, DATABASE_REPLICA_URL: 'postgresql://app@replica:5432/ledger' })
    expect(env.DATABASE_REPLICA_URL).toBe('postgresql://app@replica:5432/ledger')
    expect(parseEnv(external).DATABASE_REPLICA_URL).toBeUndefined()
  })

  it('refuses a replica without DATABASE_URL, and a URL that is not PostgreSQL', () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: 'postgresql://app@replica:5432/ledger' })).toThrow(
      /DATABASE_REPLICA_URL: needs DATABASE_URL/,
    )
    expect(() => parseEnv({ ...external, DATABASE_REPLICA_URL: 'mysql://replica/ledger' })).toThrow(InvalidEnvError)
    expect(() => parseEnv({ ...external, DATABASE_REPLICA_URL: 'postgresql://a b' })).toThrow(/DATABASE_REPLICA_URL/)
  })
})
