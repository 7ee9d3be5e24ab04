// Crash safety: the real server, killed with kill -9 at random moments while it writes batches of
// 200 donations, over and over. After every restart the database must be intact (amcheck on every
// index and table, no invalid index, no orphaned foreign key, seq and index scans agree), no batch
// may be half-written (a batch's tag has 0 or 200 rows, with its audit entries and its
// idempotency key, or none of them), every acknowledged batch must be there, the ledger's totals
// must equal the sum of its rows, and the audit log's hash chain must verify.
//
// On the embedded default the killed server's postgres survives it and still holds the data
// folder: every restart exercises the recovery in server/db/embedded-postgres.ts. The same runs
// against an external PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL) when one answers.
//
// The server runs as `npm start` runs it (dist/server/main.mjs, built first when stale): it is
// started 30 times, and the build comes up in well under the time the sources take under tsx.
//
// RELIABILITY_SEED=<n> replays a run's random kill points.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TDonationFields } from '../../common/contracts/donation/create-donation'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { createPrismaClient } from '../../server/db/client'
import { verifyAuditChain } from '../../server/services/audit/verify-chain'
import { reportFigures } from './figures'
import {
  type ApiClient,
  createExternalDatabase,
  embeddedDatabaseUrl,
  failureOf,
  loginAs,
  migrateAndSeedAccounts,
  newFieldKey,
  ROOT,
  runningPostmaster,
  type ServerProcess,
  seededRandom,
  sleep,
  startServerProcess,
  stopLeftovers,
  withClient,
} from './server-process'
import { cleanupAfterAll, externalPostgresOrSkip } from './suite-resources'

const BATCH_SIZE = 200
const WRITERS = 2
// RELIABILITY_KILLS=<n> shortens a run while working on the suite.
const EMBEDDED_KILLS = Number(process.env.RELIABILITY_KILLS ?? 20)
const EXTERNAL_KILLS = Math.min(8, EMBEDDED_KILLS)
/** Random kill points, after the writers start. */
const KILL_DELAY_MS = { min: 250, max: 6_000 }

const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000)
// Kill points and the data written draw from separate streams, so the kill points replay exactly.
const randomIn = (random: () => number) => (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const between = randomIn(seededRandom(seed))
const killDelay = randomIn(seededRandom(seed + 1))

const cleanups = cleanupAfterAll()

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), 'server'], {
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('the server build failed')
})

/** The built server, as production starts it. */
const startServer = (env: Record<string, string>) => startServerProcess(env, { isCompiled: true })

// ─── What one campaign writes ───────────────────────────────────────────────────────

/** Cash, with every seventh row goods valued line by line (the server sums the lines). */
const batchRows = (villageId: string, tag: string): TDonationFields[] =>
  Array.from({ length: BATCH_SIZE }, (_, i) =>
    i % 7 === 3
      ? {
          donorName: `爱心企业${i}`,
          recipientKind: 'VILLAGE',
          villageId,
          kind: 'GOODS',
          goods: [
            { item: '大米', quantity: between(1, 40), unit: '袋', unitValueFen: between(1, 12_000) },
            { item: '食用油', quantity: between(1, 20), unit: '桶', unitValueFen: between(1, 8_000) },
          ],
          receivedOn: '2025-02-20',
          note: tag,
        }
      : {
          donorName: `爱心人士${i}`,
          recipientKind: 'VILLAGE',
          villageId,
          kind: 'CASH',
          amountFen: between(1, 1_000_000),
          goods: [],
          receivedOn: '2025-02-20',
          note: tag,
        },
  )

type Batch = {
  tag: string
  clientMutationId: string
  rows: TDonationFields[]
  /** The ids the server answered with; null while no answer came. */
  ids: string[] | null
  isRetried: boolean
}

type Campaign = {
  label: string
  tagPrefix: string
  batches: Map<string, Batch>
  problems: string[]
  figures: {
    kills: number
    restarts: number
    stalePostmasters: number
    batchesSent: number
    batchesAcknowledged: number
    batchesRefused: number
    batchesCutOff: number
    inFlightAtKill: number
    /** Kills that found a transaction open on the server's database a moment before. */
    killsInOpenTransaction: number
    /** Batches written whose answer the kill cut off (found, but never acknowledged). */
    committedUnacknowledged: number
    /** Cut-off batches sent again after the restart with the same clientMutationId. */
    batchesRetried: number
    /** …of which the server answered from the stored result, as they had been written. */
    retriesAnsweredFromStore: number
    voidsAcknowledged: number
    batchesFound: number
    partialBatches: number
    lostAcknowledged: number
    orphanAuditEntries: number
    keyMismatches: number
    ledgerMismatches: number
    auditEntries: number
    auditChainOk: boolean
    tablesChecked: number
    indexesChecked: number
    amcheck: boolean
    corruptions: number
    cleanStopExit: string
  }
}

const newCampaign = (label: string): Campaign => ({
  label,
  tagPrefix: `crash-${randomUUID().slice(0, 8)}`,
  batches: new Map(),
  problems: [],
  figures: {
    kills: 0,
    restarts: 0,
    stalePostmasters: 0,
    batchesSent: 0,
    batchesAcknowledged: 0,
    batchesRefused: 0,
    batchesCutOff: 0,
    inFlightAtKill: 0,
    killsInOpenTransaction: 0,
    committedUnacknowledged: 0,
    batchesRetried: 0,
    retriesAnsweredFromStore: 0,
    voidsAcknowledged: 0,
    batchesFound: 0,
    partialBatches: 0,
    lostAcknowledged: 0,
    orphanAuditEntries: 0,
    keyMismatches: 0,
    ledgerMismatches: 0,
    auditEntries: 0,
    auditChainOk: true,
    tablesChecked: 0,
    indexesChecked: 0,
    amcheck: false,
    corruptions: 0,
    cleanStopExit: '',
  },
})

// ─── Checks after every restart ─────────────────────────────────────────────────────

const AMCHECK_SCHEMA = 'reliability_amcheck'

/** Physical and referential integrity of every table in the public schema. */
const checkIntegrity = async (client: pg.Client, campaign: Campaign, round: string) => {
  const problem = (text: string) => campaign.problems.push(`${round}: ${text}`)
  let amcheck = false
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${AMCHECK_SCHEMA}`)
    await client.query(`CREATE EXTENSION IF NOT EXISTS amcheck WITH SCHEMA ${AMCHECK_SCHEMA}`)
    amcheck = true
  } catch {
    // No amcheck on this server: the scan comparisons below still run.
  }
  campaign.figures.amcheck = amcheck

  const { rows: tables } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.oid::regclass::text AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 2`,
  )
  campaign.figures.tablesChecked = tables.length
  for (const table of tables) {
    // Every tuple read, every column detoasted: a sequential scan, then the planner's index path.
    await client.query('BEGIN')
    await client.query('SET LOCAL enable_indexscan = off')
    await client.query('SET LOCAL enable_indexonlyscan = off')
    await client.query('SET LOCAL enable_bitmapscan = off')
    const seq = await client.query<{ n: string; bytes: string }>(
      `SELECT count(*) AS n, coalesce(sum(length(t::text)), 0) AS bytes FROM ${table.name} t`,
    )
    await client.query('COMMIT')
    await client.query('BEGIN')
    await client.query('SET LOCAL enable_seqscan = off')
    const viaIndex = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name}`)
    await client.query('COMMIT')
    if (seq.rows[0]?.n !== viaIndex.rows[0]?.n) {
      problem(`${table.name}: a sequential scan counts ${seq.rows[0]?.n} rows, an index scan ${viaIndex.rows[0]?.n}`)
      campaign.figures.corruptions += 1
    }
    if (amcheck) {
      const { rows } = await client.query<{ msg: string }>(
        `SELECT msg FROM ${AMCHECK_SCHEMA}.verify_heapam($1::regclass)`,
        [table.oid],
      )
      for (const row of rows) problem(`${table.name}: verify_heapam: ${row.msg}`)
      campaign.figures.corruptions += rows.length
    }
  }

  const { rows: indexes } = await client.query<{ oid: number; name: string; isValid: boolean }>(
    `SELECT i.indexrelid::int AS oid, i.indexrelid::regclass::text AS name,
            (i.indisvalid AND i.indisready AND i.indislive) AS "isValid"
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE c.relnamespace = 'public'::regnamespace AND am.amname = 'btree'`,
  )
  campaign.figures.indexesChecked = indexes.length
  for (const index of indexes) {
    if (!index.isValid) {
      problem(`index ${index.name} is not valid`)
      campaign.figures.corruptions += 1
      continue
    }
    if (!amcheck) continue
    try {
      // heapallindexed: every heap tuple must be found in the index.
      await client.query(`SELECT ${AMCHECK_SCHEMA}.bt_index_check($1::regclass, true)`, [index.oid])
    } catch (error) {
      problem(`bt_index_check(${index.name}): ${(error as Error).message}`)
      campaign.figures.corruptions += 1
    }
  }

  const { rows: foreignKeys } = await client.query<{
    name: string
    child: string
    parent: string
    childColumns: string[]
    parentColumns: string[]
  }>(
    `SELECT con.conname AS name, con.conrelid::regclass::text AS child, con.confrelid::regclass::text AS parent,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "childColumns",
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "parentColumns"
       FROM pg_constraint con
      WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace`,
  )
  for (const fk of foreignKeys) {
    const id = (name: string) => client.escapeIdentifier(name)
    const present = fk.childColumns.map((c) => `c.${id(c)} IS NOT NULL`).join(' AND ')
    const matches = fk.childColumns.map((c, i) => `p.${id(fk.parentColumns[i] as string)} = c.${id(c)}`).join(' AND ')
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${fk.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${matches})`,
    )
    if (rows[0]?.n !== '0') {
      problem(`${rows[0]?.n} rows of ${fk.child} break foreign key ${fk.name}`)
      campaign.figures.corruptions += 1
    }
  }
  const { rows: unvalidated } = await client.query<{ name: string }>(
    `SELECT conname AS name FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated`,
  )
  for (const c of unvalidated) problem(`constraint ${c.name} is not validated`)
}

/** All or nothing, per batch: its 200 rows, their audit entries and its idempotency key. */
const checkBatches = async (client: pg.Client, campaign: Campaign, secretaryId: string, round: string) => {
  const problem = (text: string) => campaign.problems.push(`${round}: ${text}`)
  const { rows } = await client.query<{ note: string; ids: string[] }>(
    `SELECT note, array_agg(id::text ORDER BY id) AS ids FROM "Donation" WHERE note LIKE $1 GROUP BY note`,
    [`${campaign.tagPrefix}-%`],
  )
  const found = new Map(rows.map((r) => [r.note, r.ids]))
  campaign.figures.batchesFound = found.size
  campaign.figures.committedUnacknowledged += [...found.keys()].filter((tag) => !campaign.batches.get(tag)?.ids).length
  campaign.figures.partialBatches = 0
  campaign.figures.lostAcknowledged = 0
  for (const [tag, ids] of found) {
    if (ids.length !== BATCH_SIZE) {
      campaign.figures.partialBatches += 1
      problem(`batch ${tag} is half-written: ${ids.length} of ${BATCH_SIZE} rows`)
    }
    if (!campaign.batches.has(tag)) problem(`rows tagged ${tag}, a batch never sent`)
  }
  for (const batch of campaign.batches.values()) {
    if (!batch.ids) continue
    const ids = found.get(batch.tag)
    if (!ids) {
      campaign.figures.lostAcknowledged += 1
      problem(`batch ${batch.tag} was acknowledged but is gone`)
    } else if ([...batch.ids].sort().join() !== ids.join()) {
      problem(`batch ${batch.tag}: the rows differ from the ids the server answered with`)
    }
  }

  // Each donation has its audit entry; no audit entry describes a donation that is not there.
  const { rows: audit } = await client.query<{ missing: string; orphans: string }>(
    `SELECT
       (SELECT count(*) FROM "Donation" d WHERE d.note LIKE $1 AND NOT EXISTS (
          SELECT 1 FROM "AuditLog" a WHERE a."entityType" = 'Donation' AND a."entityId" = d.id::text AND a.action = 'donation.create'
       )) AS missing,
       (SELECT count(*) FROM "AuditLog" a WHERE a."entityType" = 'Donation' AND NOT EXISTS (
          SELECT 1 FROM "Donation" d WHERE d.id::text = a."entityId"
       )) AS orphans`,
    [`${campaign.tagPrefix}-%`],
  )
  if (audit[0]?.missing !== '0') problem(`${audit[0]?.missing} donations have no audit entry`)
  campaign.figures.orphanAuditEntries = Number(audit[0]?.orphans)
  if (audit[0]?.orphans !== '0') problem(`${audit[0]?.orphans} audit entries describe donations that do not exist`)

  // The idempotency key commits with its batch: a retry of a written batch is answered, not redone.
  const sent = [...campaign.batches.values()]
  const { rows: keys } = await client.query<{ id: string; hasResult: boolean }>(
    `SELECT "clientMutationId"::text AS id, result IS NOT NULL AS "hasResult" FROM "IdempotencyKey"
      WHERE "userId" = $1 AND "clientMutationId" = ANY($2::uuid[])`,
    [secretaryId, sent.map((b) => b.clientMutationId)],
  )
  const keyed = new Map(keys.map((k) => [k.id, k.hasResult]))
  campaign.figures.keyMismatches = 0
  for (const batch of sent) {
    const isWritten = found.has(batch.tag)
    const key = keyed.get(batch.clientMutationId)
    if (isWritten !== (key === true)) {
      campaign.figures.keyMismatches += 1
      problem(`batch ${batch.tag}: rows ${isWritten ? 'present' : 'absent'} but idempotency key ${key ?? 'absent'}`)
    }
  }
  return new Set(found.keys())
}

/** The ledger's totals (stats.summary, donation.list) against the sums of the rows themselves. */
const checkLedger = async (client: pg.Client, admin: ApiClient, campaign: Campaign, round: string) => {
  const mismatch = (text: string) => {
    campaign.figures.ledgerMismatches += 1
    campaign.problems.push(`${round}: ${text}`)
  }
  const { rows } = await client.query<{ kind: string; sum: string; n: string }>(
    `SELECT kind::text, coalesce(sum("amountFen"), 0)::text AS sum, count(*)::text AS n
       FROM "Donation" WHERE "voidedAt" IS NULL GROUP BY kind`,
  )
  const byKind = new Map(rows.map((r) => [r.kind, { fen: BigInt(r.sum), count: Number(r.n) }]))
  const cashFen = byKind.get('CASH')?.fen ?? 0n
  const goodsFen = byKind.get('GOODS')?.fen ?? 0n
  const count = (byKind.get('CASH')?.count ?? 0) + (byKind.get('GOODS')?.count ?? 0)
  const summary = await admin.stats.summary.query({ top: 1 })
  const list = await admin.donation.list.query({ limit: 1 })
  for (const [source, totals] of [
    ['stats.summary', summary.totals],
    ['donation.list', list.totals],
  ] as const) {
    if (BigInt(totals.cashFen) !== cashFen) mismatch(`${source} cash ${totals.cashFen} ≠ rows ${cashFen}`)
    if (BigInt(totals.goodsValueFen) !== goodsFen)
      mismatch(`${source} goods ${totals.goodsValueFen} ≠ rows ${goodsFen}`)
    if (BigInt(totals.totalFen) !== cashFen + goodsFen)
      mismatch(`${source} total ${totals.totalFen} ≠ rows ${cashFen + goodsFen}`)
    if (totals.donationCount !== count) mismatch(`${source} counts ${totals.donationCount} donations, rows ${count}`)
  }
  // A goods donation is worth the sum of its lines; a line is quantity × unit value.
  const { rows: goods } = await client.query<{ donations: string; lines: string; cashWithGoods: string }>(
    `SELECT
       (SELECT count(*) FROM "Donation" d WHERE d.kind = 'GOODS' AND d."amountFen" <>
          (SELECT coalesce(sum(g."valueFen"), 0) FROM "DonationGoods" g WHERE g."donationId" = d.id)) AS donations,
       (SELECT count(*) FROM "DonationGoods" g WHERE g."valueFen" <> g.quantity * g."unitValueFen") AS lines,
       (SELECT count(*) FROM "Donation" d WHERE d.kind = 'CASH' AND EXISTS
          (SELECT 1 FROM "DonationGoods" g WHERE g."donationId" = d.id)) AS "cashWithGoods"`,
  )
  const g = goods[0]
  if (g?.donations !== '0') mismatch(`${g?.donations} goods donations differ from the sum of their lines`)
  if (g?.lines !== '0') mismatch(`${g?.lines} goods lines differ from quantity × unit value`)
  if (g?.cashWithGoods !== '0') mismatch(`${g?.cashWithGoods} cash donations have goods lines`)
}

const checkAuditChain = async (url: string, campaign: Campaign, round: string) => {
  const prisma = createPrismaClient({ url, poolSize: 2 })
  try {
    const report = await verifyAuditChain(prisma)
    campaign.figures.auditEntries = report.entries
    if (report.firstBroken || report.unlinked) {
      campaign.figures.auditChainOk = false
      campaign.problems.push(
        `${round}: audit chain ${report.firstBroken ? `broken at #${report.firstBroken.chainSeq} (${report.firstBroken.reason})` : 'intact'}, ${report.unlinked} entries unlinked`,
      )
    }
  } finally {
    await prisma.$disconnect()
  }
}

// ─── One campaign: write, kill, restart, check, N times ─────────────────────────────

type Target = {
  /** Starts (or restarts) the server. */
  start: () => Promise<ServerProcess>
  /** Where the server's database is, while it runs. */
  databaseUrl: () => string
  /** The embedded default's DATA_DIR, whose postgres must survive each kill. */
  dataDir?: string
}

const runCampaign = async (campaign: Campaign, target: Target, kills: number) => {
  const { figures } = campaign
  let batchNumber = 0
  for (let round = 0; ; round += 1) {
    const label = `${campaign.label} round ${round}`
    const server = await target.start()
    if (round > 0) figures.restarts += 1
    try {
      if (server.output().includes('a previous postmaster')) figures.stalePostmasters += 1
      const secretary = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)
      const admin = await loginAs(server.url, DEMO_ACCOUNTS.admin.phone)
      const me = await secretary.auth.me.query()
      const villages = await secretary.village.list.query()
      const villageId = villages.find((v) => v.name === '前跃村')?.id
      if (!villageId) throw new Error('the secretary does not see 前跃村')

      const url = target.databaseUrl()
      const written = await withClient(url, async (client) => {
        await checkIntegrity(client, campaign, label)
        const found = await checkBatches(client, campaign, me.id, label)
        await checkLedger(client, admin, campaign, label)
        return found
      })
      await checkAuditChain(url, campaign, label)
      /** Sends a batch under its own retry key, and keeps the ids the server answers with. */
      const send = async (batch: Batch) => {
        const result = await secretary.donation.createBatch.mutate({
          clientMutationId: batch.clientMutationId,
          donations: batch.rows,
        })
        batch.ids = result.ids
        return result
      }
      if (round === kills) {
        // How a clean stop ends is its own test below; here it is only reported.
        const exit = await server.stop()
        figures.cleanStopExit = exit.signal ?? String(exit.code)
        return
      }

      // What a client does after a lost answer: send the same batch again, same clientMutationId.
      // Written before the kill: answered from the stored result, not written twice (the next
      // round checks the ids). Not written: written now, once.
      for (const batch of campaign.batches.values()) {
        if (batch.ids || batch.isRetried) continue
        batch.isRetried = true
        try {
          await send(batch)
          figures.batchesRetried += 1
          if (written.has(batch.tag)) figures.retriesAnsweredFromStore += 1
        } catch (error) {
          const failure = failureOf(error)
          campaign.problems.push(
            `${label}: retrying ${batch.tag} failed: ${failure.code}/${failure.appCode} ${failure.message}`,
          )
        }
      }

      // Void one acknowledged donation now and then, so the totals must leave it out.
      const acknowledged = [...campaign.batches.values()].filter((b) => b.ids)
      const victim = acknowledged[between(0, acknowledged.length - 1)]?.ids?.[between(0, BATCH_SIZE - 1)]
      if (victim && round % 3 === 1) {
        const donation = await admin.donation.byId.query({ id: victim })
        if (!donation.voidedAt) {
          await admin.donation.void.mutate({
            clientMutationId: randomUUID(),
            id: victim,
            version: donation.version,
            reason: '重复登记，作废',
          })
          figures.voidsAcknowledged += 1
        }
      }

      // Writers, until the kill.
      let isKilled = false
      let inFlight = 0
      const writer = async () => {
        while (!isKilled) {
          batchNumber += 1
          const tag = `${campaign.tagPrefix}-batch-${batchNumber}`
          const batch: Batch = {
            tag,
            clientMutationId: randomUUID(),
            rows: batchRows(villageId, tag),
            ids: null,
            isRetried: false,
          }
          campaign.batches.set(batch.tag, batch)
          figures.batchesSent += 1
          inFlight += 1
          try {
            const result = await send(batch)
            figures.batchesAcknowledged += 1
            if (result.count !== BATCH_SIZE) campaign.problems.push(`${batch.tag}: answered count ${result.count}`)
          } catch (error) {
            const failure = failureOf(error)
            if (failure.code === 'NETWORK') figures.batchesCutOff += 1
            else {
              figures.batchesRefused += 1
              // Refused before the kill (e.g. a transaction timeout on a loaded machine): fine, as
              // long as nothing of it was written, which the next round checks.
              console.log(`[crash-safety] ${batch.tag} refused: ${failure.code}/${failure.appCode} ${failure.message}`)
            }
          } finally {
            inFlight -= 1
          }
        }
      }
      const writers = Array.from({ length: WRITERS }, writer)
      const killDelayMs = killDelay(KILL_DELAY_MS.min, KILL_DELAY_MS.max)
      const openTransactions = await withClient(url, async (client) => {
        await sleep(killDelayMs)
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
        )
        return rows[0]?.n ?? 0
      })
      figures.inFlightAtKill += inFlight
      if (openTransactions > 0) figures.killsInOpenTransaction += 1
      isKilled = true
      await server.kill()
      figures.kills += 1
      await Promise.all(writers)
      if (target.dataDir) {
        // The trap: kill -9 leaves the embedded postgres running, holding the data folder.
        if (runningPostmaster(target.dataDir) === null) {
          campaign.problems.push(`${label}: the embedded postmaster did not outlive the server`)
        }
      }
    } catch (error) {
      await server.kill()
      throw new Error(
        `${label}: ${(error as Error).message}\n--- server output (tail) ---\n${server.output().slice(-4000)}`,
      )
    }
  }
}

const report = (suite: string, campaign: Campaign, started: number) => {
  reportFigures(suite, {
    seed,
    ...campaign.figures,
    problems: campaign.problems.length,
    runtimeSeconds: Math.round((performance.now() - started) / 1000),
  })
  if (campaign.problems.length) console.log(`[${suite}] problems:\n  ${campaign.problems.join('\n  ')}`)
}

describe('crash safety: kill -9 during large writes', () => {
  it(`on the embedded PostgreSQL: ${EMBEDDED_KILLS} kills, each restart recovers the orphaned postgres and finds everything whole`, async () => {
    const started = performance.now()
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-crash-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const campaign = newCampaign('embedded')
    let last: ServerProcess | undefined
    cleanups.push(() => stopLeftovers(last, dataDir))
    try {
      await runCampaign(
        campaign,
        {
          start: async () => {
            last = await startServer({ DATA_DIR: dataDir, SEED_DEMO: 'partyDay' })
            return last
          },
          databaseUrl: () => embeddedDatabaseUrl(dataDir),
          dataDir,
        },
        EMBEDDED_KILLS,
      )
    } finally {
      report('crash-safety', campaign, started)
    }
    expect(campaign.problems, campaign.problems.join('\n')).toEqual([])
    expect(campaign.figures.kills).toBe(EMBEDDED_KILLS)
    expect(campaign.figures.stalePostmasters, 'restarts that found and stopped the orphaned postgres').toBe(
      EMBEDDED_KILLS,
    )
    expect(campaign.figures.batchesAcknowledged, 'some batches were written between kills').toBeGreaterThan(0)
    expect(campaign.figures.partialBatches).toBe(0)
    expect(campaign.figures.ledgerMismatches).toBe(0)
    expect(campaign.figures.auditChainOk).toBe(true)
  }, 3_600_000)

  it('a clean stop (SIGTERM) in the middle of a batch lets it finish, or refuses it with 503, and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-sigterm-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: 'partyDay' })
    cleanups.push(() => stopLeftovers(server, dataDir))
    const secretary = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)
    const villageId = (await secretary.village.list.query()).find((v) => v.name === '前跃村')?.id as string
    const tag = `sigterm-${randomUUID().slice(0, 8)}`
    const databaseUrl = embeddedDatabaseUrl(dataDir)

    const write = secretary.donation.createBatch
      .mutate({ clientMutationId: randomUUID(), donations: batchRows(villageId, tag) })
      .then(
        (result) => ({ ok: true as const, count: result.count }),
        (error: unknown) => ({ ok: false as const, failure: failureOf(error) }),
      )
    // SIGTERM once the batch's transaction is open on the server: the request is being served.
    await withClient(databaseUrl, async (client) => {
      for (let polls = 0; polls < 2_000; polls += 1) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
        )
        if ((rows[0]?.n ?? 0) > 0) return
        await sleep(5)
      }
      throw new Error('the batch never opened a transaction')
    })
    const stopStarted = performance.now()
    const exit = await server.stop()
    const stopSeconds = (performance.now() - stopStarted) / 1000
    const outcome = await write

    server = await startServer({ DATA_DIR: dataDir })
    const rows = await withClient(embeddedDatabaseUrl(dataDir), async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "Donation" WHERE note = $1', [
        tag,
      ])
      return rows[0]?.n ?? -1
    })
    await server.stop()
    const answer = outcome.ok
      ? `acknowledged (${outcome.count} rows)`
      : `${outcome.failure.code}/${outcome.failure.appCode} ${outcome.failure.message}`
    reportFigures('clean-stop', {
      exitCode: exit.signal ?? String(exit.code),
      answer: outcome.ok ? 'acknowledged' : `${outcome.failure.code}/${outcome.failure.appCode}`,
      rowsAfterRestart: rows,
      stopSeconds: Math.round(stopSeconds * 10) / 10,
    })

    expect(rows, 'all or nothing').toBeOneOf([0, BATCH_SIZE])
    expect(rows, `the answer (${answer}) matches what was written`).toBe(outcome.ok ? BATCH_SIZE : 0)
    expect(
      outcome.ok ||
        (outcome.failure.code === 'SERVICE_UNAVAILABLE' && outcome.failure.appCode === 'DATABASE_UNAVAILABLE'),
      `a write in flight at SIGTERM must finish (Fastify drains requests before the database stops) or be refused with 503 DATABASE_UNAVAILABLE; it got ${answer}`,
    ).toBe(true)
    expect(
      exit,
      'SIGTERM runs main.ts’s orderly shutdown, which ends with exit code 0 (143 means the embedded-postgres package’s own exit hook stopped PostgreSQL and exited first)',
    ).toEqual({ code: 0, signal: null })
    expect(
      stopSeconds,
      'the stop waits for the running batch, not for its connection to time out idle (end-connections-on-close.ts)',
    ).toBeLessThan(30)
  }, 600_000)

  it(`on an external PostgreSQL: ${EXTERNAL_KILLS} kills`, async (ctx) => {
    const adminUrl = await externalPostgresOrSkip(ctx, 'crash-safety')
    const started = performance.now()
    const database = await createExternalDatabase(adminUrl, 'pdrl_crash')
    cleanups.push(database.drop)
    await migrateAndSeedAccounts(database.url)
    const campaign = newCampaign('external')
    const fieldKey = newFieldKey()
    let last: ServerProcess | undefined
    cleanups.push(() => stopLeftovers(last))
    try {
      await runCampaign(
        campaign,
        {
          start: async () => {
            last = await startServer({ DATABASE_URL: database.url, FIELD_ENCRYPTION_KEY: fieldKey })
            return last
          },
          databaseUrl: () => database.url,
        },
        EXTERNAL_KILLS,
      )
    } finally {
      report('crash-safety-external', campaign, started)
    }
    expect(campaign.problems, campaign.problems.join('\n')).toEqual([])
    expect(campaign.figures.kills).toBe(EXTERNAL_KILLS)
    expect(campaign.figures.batchesAcknowledged).toBeGreaterThan(0)
  }, 3_600_000)
})
