// Crash safety of the 困难户花名册 import: the real server (a separate process) is killed with
// kill -9 while it writes a roster of 1,200 households (4,800 rows) in its one transaction, after
// the request was sent and before any answer. Afterwards the database must hold none of the file:
// no household, member, risk, audit entry or retry key of it (all or none; none, since nothing was
// acknowledged). Then the same commit, retried with the same clientMutationId on a restarted
// server, writes every household exactly once, and a further retry changes nothing.
import { createHash, randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { fillTemplate, type RosterFile, rosterMember, uploadRoster } from '../helpers/roster-import'
import { createTestDatabase } from '../helpers/test-database'
import {
  apiClient,
  migrateAndSeedAccounts,
  newFieldKey,
  RELIABILITY_PASSWORD,
  type ServerProcess,
  sleep,
  startServerProcess,
  stopLeftovers,
  withClient,
} from './server-process'

const HOUSEHOLDS = 1200

const servers: ServerProcess[] = []
afterAll(async () => {
  for (const server of servers) await stopLeftovers(server)
})

const tokenOf = async (url: string) =>
  (
    await apiClient(url).auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.cadre.phone,
      password: RELIABILITY_PASSWORD,
    })
  ).token

/** 1,200 households, each with its head and a child as members and one risk: 4,800 rows. */
const bigRoster = (): RosterFile => {
  const roster: RosterFile = { households: [], members: [], risks: [] }
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const code = `CR-${String(i).padStart(4, '0')}`
    const year = Math.floor(i / 1000)
    const headId = fakeIdNumber(`196${year}-02-0${1 + (i % 9)}`, i % 1000)
    roster.households.push({ 户编号: code, 户主姓名: `户主${i}`, 户主身份证号码: headId, 监测类别: '边缘易致贫户' })
    roster.members.push(
      rosterMember(code, `户主${i}`, { 身份证号码: headId, 劳动能力: '部分丧失劳动能力' }),
      rosterMember(code, `子女${i}`, {
        与户主关系: '之女',
        身份证号码: fakeIdNumber(`200${year}-03-0${1 + (i % 9)}`, i % 1000),
        劳动能力: '无劳动能力',
      }),
    )
    roster.risks.push({ 户编号: code, 风险类型: '因病', 识别时间: '202401' })
  }
  return roster
}

describe('a roster import killed mid-transaction', () => {
  it('leaves nothing of the file, and the retry with the same key writes it exactly once', async () => {
    const { url, name } = await createTestDatabase()
    const ref = await migrateAndSeedAccounts(url)
    const villageId = ref.villages.qianyue.id
    const env = { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: newFieldKey() }
    const first = await startServerProcess(env)
    servers.push(first)
    const token = await tokenOf(first.url)

    const template = await fetch(`${first.url}/exports/household-roster-template.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(template.status).toBe(200)
    const bytes = await fillTemplate(await template.arrayBuffer(), bigRoster())
    const digest = createHash('sha256').update(bytes).digest('hex')
    const dryRun = await uploadRoster(first.url, token, { mode: 'dry-run', villageId }, bytes)
    expect(dryRun.status).toBe(200)
    expect(await dryRun.json()).toMatchObject({ errorCount: 0, counts: { households: HOUSEHOLDS }, digest })

    const counts = () =>
      withClient(url, async (c) => {
        const one = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]?.n)
        return {
          households: await one(`SELECT count(*) AS n FROM "Household" WHERE code LIKE 'CR-%'`),
          members: await one(
            `SELECT count(*) AS n FROM "HouseholdMember" m JOIN "Household" h ON h.id = m."householdId" WHERE h.code LIKE 'CR-%'`,
          ),
          risks: await one(
            `SELECT count(*) AS n FROM "HouseholdRisk" r JOIN "Household" h ON h.id = r."householdId" WHERE h.code LIKE 'CR-%'`,
          ),
          creates: await one(`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'household.create'`),
          imports: await one(`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'household.import'`),
          keys: await one(`SELECT count(*) AS n FROM "IdempotencyKey" WHERE procedure = 'import.householdRoster'`),
        }
      })
    const nothing = { households: 0, members: 0, risks: 0, creates: 0, imports: 0, keys: 0 }
    const everything = {
      households: HOUSEHOLDS,
      members: 2 * HOUSEHOLDS,
      risks: HOUSEHOLDS,
      creates: HOUSEHOLDS,
      imports: 1,
      keys: 1,
    }
    expect(await counts()).toEqual(nothing)

    // The commit, sent; killed once its transaction is well under way (its advisory locks, one per
    // ID number written so far, show in pg_locks), before it can answer.
    const clientMutationId = randomUUID()
    const query = { mode: 'commit', villageId, digest, clientMutationId } as const
    const answer = uploadRoster(first.url, token, query, bytes).then(
      (r) => ({ status: r.status }),
      (error: unknown) => ({ error: String(error) }),
    )
    const locksHeld = () =>
      withClient(url, async (c) => {
        const { rows } = await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND a.datname = $1`,
          [name],
        )
        return Number(rows[0]?.n)
      })
    let locks = 0
    const deadline = Date.now() + 60_000
    while (locks < 400 && Date.now() < deadline) {
      await sleep(50)
      locks = await locksHeld()
    }
    expect(locks, 'the import was seen writing inside its transaction').toBeGreaterThanOrEqual(400)
    await first.kill()
    expect(await answer).toMatchObject({ error: expect.any(String) })

    // PostgreSQL rolls the dead connection's transaction back; wait until it has.
    for (let i = 0; i < 200 && (await locksHeld()) > 0; i++) await sleep(100)
    expect(await locksHeld()).toBe(0)
    expect(await counts()).toEqual(nothing)

    // The app retries with the same key on a restarted server: written once, in full.
    const second = await startServerProcess(env)
    servers.push(second)
    const token2 = await tokenOf(second.url)
    const retried = await uploadRoster(second.url, token2, query, bytes)
    expect(retried.status).toBe(200)
    const result = (await retried.json()) as { householdIds: string[] }
    expect(result.householdIds).toHaveLength(HOUSEHOLDS)
    expect(await counts()).toEqual(everything)
    const again = await uploadRoster(second.url, token2, query, bytes)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(result)
    expect(await counts()).toEqual(everything)
    await second.stop()
  })
})
