// Write path: a donation of goods with three lines, its audit entry (appended to the hash chain)
// and its retry key, committed together, at 1, 4 and 16 concurrent writers. Three ways, in one
// process on one fresh embedded PostgreSQL, so the figures compare:
//   api         the real procedure through createCaller: zod, the retry-key middleware, the
//               donation service's checks and its one statement (services/donations/
//               write-donation.ts) through Prisma on adapter-pg, the audit snapshot and chain trigger;
//   pg          the same rows written with plain `pg`, one statement each in one transaction;
//   pg-no-audit the same without the audit entry (what the chain's serialisation costs).
// Reports commits per second per way and concurrency, as one JSON line.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { callerFor } from '../server/caller'
import { parseEnv } from '../server/env'
import { startServer } from '../server/start'
import { embeddedDatabaseUrl } from '../tests/reliability/server-process'

const QUICK = process.argv.includes('--quick')
const SECONDS = QUICK ? 3 : 10
const WRITERS = [1, 4, 16]
const GOODS = [
  { item: '大米', quantity: 10, unit: '袋', unitValueFen: 10_000 },
  { item: '面粉', quantity: 10, unit: '袋', unitValueFen: 8_000 },
  { item: '食用油', quantity: 5, unit: '桶', unitValueFen: 12_000 },
]
const TOTAL_FEN = GOODS.reduce((sum, g) => sum + g.quantity * g.unitValueFen, 0)

type Way = 'api' | 'pg' | 'pg-no-audit'

/** Runs `write` in `writers` closed loops for SECONDS; commits per second. */
const commitsPerSecond = async (writers: number, write: () => Promise<unknown>) => {
  let commits = 0
  const deadline = performance.now() + SECONDS * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) {
        await write()
        commits += 1
      }
    }),
  )
  return Math.round(commits / ((performance.now() - started) / 1000))
}

const main = async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-bench-write-'))
  const server = await startServer(
    parseEnv({
      ...process.env,
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'households',
      H5_DIST_DIR: path.join(dataDir, 'no-h5'),
      DATABASE_POOL_SIZE: '20',
      RATE_LIMIT_PER_MINUTE: '100000000',
    }),
  )
  const { prisma } = server.deps
  const secretary = await prisma.user.findFirstOrThrow({
    where: { displayName: DEMO_ACCOUNTS.secretary.displayName },
    select: { id: true },
  })
  const village = await prisma.village.findFirstOrThrow({ where: { name: '前跃村' }, select: { id: true } })
  const pool = new pg.Pool({ connectionString: embeddedDatabaseUrl(dataDir), max: 20 })
  // An idle client whose connection the database's shutdown closes reports it here; unheard, the
  // error would end the process after the figures were printed.
  pool.on('error', () => {})
  try {
    const api = await callerFor(server.deps, secretary.id)
    const viaApi = () =>
      api.donation.create({
        clientMutationId: randomUUID(),
        donorName: '压测捐赠单位',
        recipientKind: 'VILLAGE',
        villageId: village.id,
        kind: 'GOODS',
        goods: GOODS,
        receivedOn: '2025-02-20',
      })
    const viaPg = (withAudit: boolean) => async () => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const key = randomUUID()
        await client.query(
          `INSERT INTO "IdempotencyKey" ("userId", "clientMutationId", procedure, "requestHash") VALUES ($1, $2, 'donation.create', 'bench')`,
          [secretary.id, key],
        )
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO "Donation" (id, "donorName", "recipientKind", "villageId", kind, "amountFen", "receivedOn", "createdById", "updatedAt")
           VALUES (gen_random_uuid(), '压测捐赠单位', 'VILLAGE', $1, 'GOODS', $2, DATE '2025-02-20', $3, now()) RETURNING id`,
          [village.id, TOTAL_FEN, secretary.id],
        )
        const donationId = rows[0]?.id
        await client.query(
          `INSERT INTO "DonationGoods" (id, "donationId", item, quantity, unit, "unitValueFen", "valueFen")
           SELECT gen_random_uuid(), $1, g.item, g.quantity, g.unit, g.unit_value, g.quantity * g.unit_value
           FROM json_to_recordset($2::json) AS g(item text, quantity int, unit text, unit_value bigint)`,
          [donationId, JSON.stringify(GOODS.map((g) => ({ ...g, unit_value: g.unitValueFen })))],
        )
        if (withAudit)
          await client.query(
            `INSERT INTO "AuditLog" ("actorId", action, "entityType", "entityId", after, "requestId")
             VALUES ($1, 'donation.create', 'Donation', $2, $3, $4)`,
            [secretary.id, donationId, JSON.stringify({ amountFen: String(TOTAL_FEN), goods: GOODS }), randomUUID()],
          )
        await client.query(`UPDATE "IdempotencyKey" SET result = $3 WHERE "userId" = $1 AND "clientMutationId" = $2`, [
          secretary.id,
          key,
          JSON.stringify({ id: donationId }),
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      } finally {
        client.release()
      }
    }
    const ways: Record<Way, () => Promise<unknown>> = { api: viaApi, pg: viaPg(true), 'pg-no-audit': viaPg(false) }

    for (const write of Object.values(ways)) await commitsPerSecond(4, write) // warm-up
    const results: Record<Way, Record<string, number>> = { api: {}, pg: {}, 'pg-no-audit': {} }
    for (const writers of WRITERS)
      for (const way of Object.keys(ways) as Way[]) results[way][writers] = await commitsPerSecond(writers, ways[way])

    const ratio = Object.fromEntries(
      WRITERS.map((w) => [w, Math.round(((results.api[w] ?? 0) / (results.pg[w] || 1)) * 100) / 100]),
    )
    console.log(
      JSON.stringify({
        measure: 'write.donationWithGoods',
        secondsPerRun: SECONDS,
        commitsPerSecond: results,
        apiOverPg: ratio,
        goalCommitsPerSecond: 800,
        withinGoal: Math.max(...Object.values(results.api)) >= 800,
      }),
    )
  } finally {
    await pool.end()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

await main()
