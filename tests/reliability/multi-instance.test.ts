// Several stateless instances on one PostgreSQL (docs/scaling.md): two real server processes, on
// two loopback ports, started at the same moment on an empty database. Whatever instance a call
// reaches, the answer is the same: sessions, retry keys, lockouts and optimistic versions live in
// the database, and the migrations ran once. Then the migration lock itself: an instance that
// starts while another is still migrating waits its turn instead of failing after the engine's
// 10 s advisory-lock timeout.
//
// Runs on the external PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL) when one answers, else
// on one embedded PostgreSQL this file starts, which both servers share through DATABASE_URL.
import { randomUUID } from 'node:crypto'
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, MIGRATION_LOCK_KEY, MIGRATIONS_DIR } from '../../prisma/engine/migrate.mjs'
import { DEMO_ACCOUNTS, type ReferenceData } from '../../prisma/seed/reference-data'
import { createPrismaClient } from '../../server/db/client'
import { verifyAuditChain } from '../../server/services/audit/verify-chain'
import { cashDonationInput, editOf, householdInput } from '../helpers/factories'
import {
  apiClient,
  createExternalDatabase,
  failureOf,
  migrateAndSeedAccounts,
  newFieldKey,
  RELIABILITY_PASSWORD,
  type ServerProcess,
  startServerProcess,
  withClient,
} from './server-process'
import { cleanupAfterAll, externalOrEmbeddedPostgres } from './suite-resources'

const cleanups = cleanupAfterAll()

/** The PostgreSQL server both instances share. */
const sharedPostgres = () => externalOrEmbeddedPostgres(cleanups, 'multi-instance')

const migrationNames = async () =>
  (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()

type MigrationRow = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }

const migrationRows = (url: string) =>
  withClient(
    url,
    async (c) => (await c.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name')).rows,
  )

/** Expects the call to fail; returns how the client saw the failure. */
const refusal = async (call: Promise<unknown>) => {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  )
  expect(outcome, 'the call should have been refused').not.toBeNull()
  return failureOf(outcome)
}

let adminUrl: string

beforeAll(async () => {
  adminUrl = await sharedPostgres()
})

describe('two instances, one PostgreSQL', () => {
  let databaseUrl: string
  let a: ServerProcess
  let b: ServerProcess
  let ref: ReferenceData

  const tokenFor = async (server: ServerProcess, phone: string) =>
    (await apiClient(server.url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD })).token

  beforeAll(async () => {
    const database = await createExternalDatabase(adminUrl, 'multi_instance')
    cleanups.push(database.drop)
    databaseUrl = database.url
    const env = { DATABASE_URL: database.url, FIELD_ENCRYPTION_KEY: newFieldKey() }
    // Both at once, on an empty database: both run the start-up migrations.
    const started = await Promise.allSettled([
      startServerProcess({ ...env, DATA_DIR: await mkdtemp(path.join(tmpdir(), 'pdrl-instance-a-')) }),
      startServerProcess({ ...env, DATA_DIR: await mkdtemp(path.join(tmpdir(), 'pdrl-instance-b-')) }),
    ])
    for (const s of started) if (s.status === 'fulfilled') cleanups.push(s.value.stop)
    const [first, second] = started
    if (first?.status !== 'fulfilled') throw first?.reason
    if (second?.status !== 'fulfilled') throw second?.reason
    a = first.value
    b = second.value
    // The accounts, as an administrator would create them (nothing is seeded with DATABASE_URL).
    ref = await migrateAndSeedAccounts(database.url)
  })

  it('listens on two ports, and applied each migration exactly once', async () => {
    expect(new URL(a.url).port).not.toBe(new URL(b.url).port)
    const rows = await migrationRows(databaseUrl)
    expect(rows.map((r) => r.migration_name)).toEqual(await migrationNames())
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true)
    // One instance applied them all; the other, waiting on the lock, found nothing left to do.
    const appliers = [a, b].filter((s) => s.output().includes('applied database migrations'))
    expect(appliers).toHaveLength(1)
  })

  it('accepts a session made on one instance on the other', async () => {
    const token = await tokenFor(a, DEMO_ACCOUNTS.cadre.phone)
    const me = await apiClient(b.url, token).auth.me.query()
    expect(me.displayName).toBe(DEMO_ACCOUNTS.cadre.displayName)
  })

  it('writes a retried donation once, whichever instance each retry reaches', async () => {
    const token = await tokenFor(a, DEMO_ACCOUNTS.secretary.phone)
    const [onA, onB] = [apiClient(a.url, token), apiClient(b.url, token)]
    const villageId = ref.villages.qianyue.id

    // Sent to A, its answer lost, retried on B.
    const retried = cashDonationInput(villageId, 123_45, { clientMutationId: randomUUID(), note: `mi-${randomUUID()}` })
    const first = await onA.donation.create.mutate(retried)
    expect(await onB.donation.create.mutate(retried)).toEqual(first)

    // Twenty copies of one call at once, half to each instance.
    const note = `mi-${randomUUID()}`
    const burst = cashDonationInput(villageId, 678_90, { clientMutationId: randomUUID(), note })
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onB : onA).donation.create.mutate(burst)),
    )
    for (const answer of answers) expect(answer).toEqual(answers[0])
    const written = await withClient(databaseUrl, async (c) => ({
      donations: (await c.query('SELECT id FROM "Donation" WHERE note = $1', [note])).rows,
      keys: (await c.query('SELECT 1 FROM "IdempotencyKey" WHERE "clientMutationId" = $1', [burst.clientMutationId]))
        .rowCount,
    }))
    expect(written.donations).toEqual([{ id: answers[0]?.id }])
    expect(written.keys).toBe(1)
    expect(
      await withClient(
        databaseUrl,
        async (c) => (await c.query('SELECT 1 FROM "Donation" WHERE note = $1', [retried.note])).rowCount,
      ),
    ).toBe(1)
  })

  it('refuses a stale edit on one instance after the other saved, and keeps the saved one', async () => {
    const token = await tokenFor(a, DEMO_ACCOUNTS.cadre.phone)
    const [onA, onB] = [apiClient(a.url, token), apiClient(b.url, token)]
    const input = householdInput(ref.villages.qianyue.id)
    const created = await onA.household.create.mutate(input)
    // Both forms were loaded at the same version; A saves first.
    const saved = await onA.household.update.mutate(editOf(created, input, { notes: '甲处保存' }))
    expect(saved.version).toBeGreaterThan(created.version)
    const stale = await refusal(onB.household.update.mutate(editOf(created, input, { notes: '乙处过期的修改' })))
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT' })
    const now = await onB.household.byId.query({ id: created.id })
    expect(now).toMatchObject({ notes: '甲处保存', version: saved.version })
  })

  it('counts failed logins on both instances towards one lockout', async () => {
    const phone = DEMO_ACCOUNTS.member.phone
    // LOGIN_MAX_FAILURES (5) wrong passwords, alternating instances…
    for (let i = 0; i < 5; i += 1) {
      const server = i % 2 ? b : a
      await refusal(apiClient(server.url).auth.loginWithPassword.mutate({ phone, password: `wrong-${i}-password` }))
    }
    // …lock the account on both, the right password included.
    for (const server of [a, b]) {
      const locked = await refusal(
        apiClient(server.url).auth.loginWithPassword.mutate({ phone, password: RELIABILITY_PASSWORD }),
      )
      expect(locked.appCode).toBe('LOCKED_OUT')
    }
  })

  it('ends a session on both instances when it logs out on one', async () => {
    const token = await tokenFor(b, DEMO_ACCOUNTS.secretary.phone)
    const [onA, onB] = [apiClient(a.url, token), apiClient(b.url, token)]
    await onB.auth.me.query()
    await onA.auth.logout.mutate()
    const after = await refusal(onB.auth.me.query())
    expect(after).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'SESSION_EXPIRED' })
  })

  it('sees a role ended or an account deactivated beneath it on the next request, on both instances', async () => {
    // Both instances have the two cadres loaded (server/services/auth/actor-cache.ts). (The member
    // is locked out by the test above.)
    const otherCadre = await tokenFor(a, DEMO_ACCOUNTS.otherCadre.phone)
    const cadre = await tokenFor(b, DEMO_ACCOUNTS.cadre.phone)
    for (const server of [a, b]) {
      expect((await apiClient(server.url, otherCadre).auth.me.query()).roles).toContain('CADRE')
      expect((await apiClient(server.url, cadre).auth.me.query()).roles).toContain('CADRE')
    }
    // The database changes beneath both: one cadre's role ends, the other's account is deactivated.
    await withClient(databaseUrl, async (c) => {
      await c.query(
        `UPDATE "Membership" SET "endedOn" = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE "userId" = $1`,
        [ref.users.otherCadre.id],
      )
      await c.query('UPDATE "User" SET "isActive" = false WHERE id = $1', [ref.users.cadre.id])
    })
    for (const server of [a, b]) {
      expect((await apiClient(server.url, otherCadre).auth.me.query()).roles).not.toContain('CADRE')
      const refused = await refusal(apiClient(server.url, cadre).auth.me.query())
      expect(refused).toMatchObject({ code: 'FORBIDDEN', appCode: 'ACCOUNT_DISABLED' })
    }
    await withClient(databaseUrl, (c) =>
      c.query('UPDATE "User" SET "isActive" = true WHERE id = $1', [ref.users.cadre.id]),
    )
  })

  it('sees a post, a role and a deactivation made through one instance on the next request to the other', async () => {
    const admin = apiClient(a.url, await tokenFor(a, DEMO_ACCOUNTS.admin.phone))
    const cadreToken = await tokenFor(b, DEMO_ACCOUNTS.cadre.phone)
    const cadreOnB = apiClient(b.url, cadreToken)
    const villagesOnB = async () => (await cadreOnB.auth.me.query()).villages.map((v) => v.name)
    // B has the cadre loaded, with his one village.
    expect(await villagesOnB()).toEqual(['前跃村'])
    expect(await villagesOnB()).toEqual(['前跃村'])

    // A 驻村 post in a second village, added through A: B's next request reaches it.
    const userId = ref.users.cadre.id
    await admin.user.addPost.mutate({
      clientMutationId: randomUUID(),
      userId,
      villageId: ref.villages.shangtan.id,
      post: '驻村工作队员',
    })
    expect((await villagesOnB()).sort()).toEqual(['上滩村', '前跃村'].sort())

    // The post ended through A: gone on B's next request.
    const post = (await admin.user.byId.query({ id: userId })).posts.find(
      (p) => p.village.id === ref.villages.shangtan.id,
    )
    if (!post) throw new Error('the post just added is missing')
    await admin.user.endPost.mutate({ clientMutationId: randomUUID(), id: post.id })
    expect(await villagesOnB()).toEqual(['前跃村'])

    // A role added through A (a member of the bureau's branch): B's next request holds it.
    await admin.user.addRole.mutate({
      clientMutationId: randomUUID(),
      userId,
      orgId: ref.orgs.bureauBranch.id,
      role: 'MEMBER',
    })
    expect((await cadreOnB.auth.me.query()).roles).toContain('MEMBER')

    // Deactivated through A: B refuses the very next request.
    const { version } = await admin.user.byId.query({ id: userId })
    await admin.user.deactivate.mutate({ clientMutationId: randomUUID(), id: userId, version })
    const refused = await refusal(cadreOnB.auth.me.query())
    expect(['ACCOUNT_DISABLED', 'SESSION_EXPIRED']).toContain(refused.appCode)
    const again = await admin.user.byId.query({ id: userId })
    await admin.user.reactivate.mutate({ clientMutationId: randomUUID(), id: userId, version: again.version })
  })

  it('keeps one intact audit chain, appended to by both instances at once', async () => {
    const token = await tokenFor(a, DEMO_ACCOUNTS.secretary.phone)
    const [onA, onB] = [apiClient(a.url, token), apiClient(b.url, token)]
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? onB : onA).donation.create.mutate(cashDonationInput(ref.villages.qianyue.id, 100 + i)),
      ),
    )
    const prisma = createPrismaClient({ url: databaseUrl, poolSize: 2 })
    try {
      const report = await verifyAuditChain(prisma)
      // The twenty donations just written, and what the tests above wrote.
      expect(report.entries).toBeGreaterThanOrEqual(24)
      expect(report.firstBroken).toBeNull()
      expect(report.unlinked).toBe(0)
    } finally {
      await prisma.$disconnect()
    }
  })
})

describe('the start-up migrations, under the lock', () => {
  it('lets an instance wait for a migration that takes longer than the engine’s 10 s lock timeout', async () => {
    const database = await createExternalDatabase(adminUrl, 'migration_lock')
    cleanups.push(database.drop)
    // The real migrations, and a slow one after them (a big backfill, a busy managed database).
    const migrationsDir = await mkdtemp(path.join(tmpdir(), 'pdrl-slow-migrations-'))
    cleanups.push(() => rm(migrationsDir, { recursive: true, force: true }))
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true })
    await mkdir(path.join(migrationsDir, '99990101000000_slow_backfill'))
    await writeFile(path.join(migrationsDir, '99990101000000_slow_backfill', 'migration.sql'), 'SELECT pg_sleep(12);\n')

    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => applyMigrations({ url: database.url, migrationsDir })),
    )
    const applied = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : `failed: ${String(o.reason)}`))
    const expected = [...(await migrationNames()), '99990101000000_slow_backfill']
    // Exactly one of the three applied them all; the others waited, then had nothing to do.
    expect(applied.filter((names) => Array.isArray(names) && names.length === 0)).toHaveLength(2)
    expect(applied.find((names) => Array.isArray(names) && names.length > 0)).toEqual(expected)
    expect((await migrationRows(database.url)).map((r) => r.migration_name)).toEqual(expected)
  })

  it('gives up with a clear message when the lock is held too long', async () => {
    const database = await createExternalDatabase(adminUrl, 'migration_lock_held')
    cleanups.push(database.drop)
    await withClient(database.url, async (holder) => {
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
      const started = Date.now()
      await expect(applyMigrations({ url: database.url, lockTimeoutMs: 1_000 })).rejects.toThrow(
        /Another instance has been applying migrations for more than 1 s/,
      )
      expect(Date.now() - started).toBeLessThan(10_000)
    })
    // Nothing was applied while it waited.
    await expect(migrationRows(database.url)).rejects.toThrow(/_prisma_migrations/)
  })
})
