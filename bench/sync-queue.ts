// Sync queue: a secretary's day without signal — SYNC_QUEUE_COUNT (500; 100 with
// --quick) mutations queued on the phone — synced when the network comes back, by the app's own
// queue core (src/lib/offline-queue/queue.ts) over HTTP to the real server (a subprocess on a
// fresh embedded PostgreSQL with the 前跃村 story). Two passes, each on a new day's records:
//   clean        one app run, undisturbed: the time to sync them all;
//   interrupted  as phones behave: the app is killed KILLS times mid-sync, each time after the
//                server committed and before the answer arrived (the next start sends that item
//                again), and a copy of the storage taken mid-sync is synced by a second queue
//                alongside the first (every item from there on goes out twice, often at once).
// Then the database is counted: one row per queued create, carrying its client-made id, no more
// (duplicates) and no less (missing). Last, what the queue writes to storage per item sent, with
// 100 and with 1,000 items queued (a transport that answers at once). One JSON line; exits
// non-zero unless duplicates and missing are 0 and no item failed. The goal for the clean pass is
// 10 s.
import { randomUUID } from 'node:crypto'
import { getUntypedClient } from '@trpc/client'
import { DEMO_ACCOUNTS } from '../prisma/seed/reference-data'
import { createOfflineQueue, type OfflineQueue } from '../src/lib/offline-queue/queue'
import type { Clock, Transport } from '../src/lib/offline-queue/types'
import { type MemoryStorage, memoryStorage } from '../tests/helpers/memory-storage'
import { type ApiClient, embeddedDatabaseUrl, loginAs, withClient } from '../tests/reliability/server-process'
import { percentile, roundMs } from './stats'
import { NO_RATE_LIMITS, withStoryServer } from './story-server'
import { dayOffline, type Mutation, phoneNetwork, storageCost, TAG } from './sync-queue-day'

const QUICK = process.argv.includes('--quick')
const COUNT = Number(process.env.SYNC_QUEUE_COUNT ?? (QUICK ? 100 : 500))
const KILLS = 4
/** The goal for the clean pass of 500. */
const GOAL_TOTAL_MS = 10_000
/** Queue sizes at which the storage written per item sent is measured: the same at both is O(1). */
const STORAGE_SIZES = [100, 1_000]
/** A pass that has not drained by then is stuck (a bug), not slow. */
const PASS_TIMEOUT_MS = 10 * 60_000

type Pass = {
  totalMs: number
  /** Calls made (first sends and replays), and the distinct items among them. */
  sends: number
  sentItems: number
  latencies: number[]
  /** Time with at least one call in flight: the rest is the queue's own work. */
  inCallsMs: number
  kills: number
  staleCopies: number
  failed: string[]
}

const syncPass = async (
  api: ApiClient,
  mutations: Mutation[],
  { kills, staleCopyAt }: { kills: number; staleCopyAt: number | null },
): Promise<Pass> => {
  const storage = memoryStorage()
  const network = phoneNetwork()
  const latencies: number[] = []
  let inFlight = 0
  let busySince = 0
  let inCallsMs = 0
  const sentKeys = new Set<string>()
  let sends = 0
  let firstRunSends = 0 // the sends of the app's own runs (not the stale copy's): where kills fall
  let killed = 0
  let staleCopies = 0
  const killAt = new Set(
    Array.from({ length: kills }, (_, k) => Math.round(((k + 1) * mutations.length) / (kills + 1))),
  )

  // The pass is over when every queue still running has nothing left it can send.
  const running = new Set<OfflineQueue>()
  let drained = () => {}
  const finished = new Promise<void>((resolve) => {
    drained = resolve
  })
  const isIdle = (queue: OfflineQueue) => {
    const { items, blockedBy } = queue.getSnapshot()
    return items.every((item) => item.state === 'failed' || blockedBy[item.id])
  }
  const check = () => {
    if ([...running].every(isIdle)) drained()
  }

  /**
   * One run of the app on `store`: the real queue with Node ports. Once killed, a run neither
   * writes its storage nor wakes on a timer: the process is gone, whatever it was awaiting.
   */
  const startApp = (store: MemoryStorage, isStaleCopy: boolean): OfflineQueue => {
    let alive = true
    const clock: Clock = {
      now: () => Date.now(),
      setTimer: (run, ms) => {
        const handle = setTimeout(() => alive && run(), ms)
        return () => clearTimeout(handle)
      },
    }
    const transport: Transport = async (procedure, input) => {
      const ordinal = isStaleCopy ? 0 : ++firstRunSends
      // Half-way, the storage as it stands (this item 'syncing') goes to a second queue.
      if (ordinal === staleCopyAt) {
        staleCopies += 1
        startApp(store.copy(), true)
      }
      sends += 1
      sentKeys.add(String(input.clientMutationId))
      const t0 = performance.now()
      if (inFlight++ === 0) busySince = t0
      const result = await getUntypedClient(api).mutation(procedure, input)
      if (--inFlight === 0) inCallsMs += performance.now() - busySince
      if (killAt.delete(ordinal)) {
        // The server has committed; the app dies before it hears so. The next start sends it again.
        killed += 1
        alive = false
        queue.dispose()
        running.delete(queue)
        startApp(store, false)
        return new Promise(() => {})
      }
      latencies.push(performance.now() - t0)
      return result
    }
    const queue = createOfflineQueue({
      storage: {
        get: store.get,
        set: (key, value) => alive && store.set(key, value),
        remove: (key) => alive && store.remove(key),
      },
      transport,
      clock,
      network: network.status,
      makeId: randomUUID,
    })
    running.add(queue)
    queue.subscribe(check)
    // As runAppQueue does on start: sync what was left.
    if (network.status.isOnline()) void queue.sync()
    return queue
  }

  const first = startApp(storage, false)
  for (const m of mutations) first.enqueue(m.procedure, m.input)
  if (first.getSnapshot().pendingCount !== mutations.length) throw new Error('the queue did not keep every mutation')

  const t0 = performance.now()
  network.set(true)
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    finished,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the queue did not drain in ${PASS_TIMEOUT_MS} ms`)), PASS_TIMEOUT_MS)
    }),
  ])
  clearTimeout(timer)
  const totalMs = performance.now() - t0
  const failed = [...running].flatMap((queue) =>
    queue.getSnapshot().items.map((item) => `${item.procedure} ${item.state} ${item.error?.code ?? '-'}`),
  )
  for (const queue of running) queue.dispose()
  return { totalMs, sends, sentItems: sentKeys.size, latencies, inCallsMs, kills: killed, staleCopies, failed }
}

/**
 * Rows per queued create, found by the marker in its text rather than by id, so that a replay
 * recorded under another id would show: rows beyond one are duplicates; no row under the
 * create's own client-made id is missing.
 */
const countRows = async (databaseUrl: string, mutations: Mutation[]) => {
  const idsByMarker = new Map<string, string[]>()
  await withClient(databaseUrl, async (db) => {
    for (const [table, column] of [
      ['Activity', 'theme'],
      ['Visit', 'difficulties'],
      ['Donation', 'note'],
    ] as const) {
      const { rows } = await db.query<{ id: string; marker: string }>(
        `SELECT id, "${column}" AS marker FROM "${table}" WHERE "${column}" LIKE $1`,
        [`${TAG}%`],
      )
      for (const row of rows) idsByMarker.set(row.marker, [...(idsByMarker.get(row.marker) ?? []), row.id])
    }
  })
  let duplicates = 0
  let missing = 0
  for (const m of mutations) {
    const ids = idsByMarker.get(m.marker) ?? []
    duplicates += Math.max(0, ids.length - 1)
    if (!ids.includes(m.id)) missing += 1
  }
  return { duplicates, missing }
}

const main = () =>
  withStoryServer('sync', NO_RATE_LIMITS, async (server, dataDir) => {
    const api = await loginAs(server.url, DEMO_ACCOUNTS.secretary.phone)
    const orgId = (await api.auth.me.query()).memberships[0]?.orgId
    const databaseUrl = embeddedDatabaseUrl(dataDir)
    const { villageId, householdIds } = await withClient(databaseUrl, async (db) => {
      const village = (await db.query<{ id: string }>(`SELECT id FROM "Village" WHERE name = '前跃村'`)).rows[0]
      const households = await db.query<{ id: string }>(`SELECT id FROM "Household" WHERE "villageId" = $1 LIMIT 20`, [
        village?.id,
      ])
      return { villageId: village?.id, householdIds: households.rows.map((h) => h.id) }
    })
    if (!orgId || !villageId || !householdIds.length) throw new Error('the 前跃村 story is not seeded')
    const story = { orgId, villageId, householdIds }

    // Warm-up (JIT, the pool, the server's first compiles of each query): a short pass through
    // the queue, not reported; its rows are counted with the others.
    const warmUpDay = dayOffline('warm-up', story, COUNT).slice(0, 100)
    const warmUp = await syncPass(api, warmUpDay, { kills: 0, staleCopyAt: null })
    const cleanDay = dayOffline('clean', story, COUNT)
    const clean = await syncPass(api, cleanDay, { kills: 0, staleCopyAt: null })
    const interruptedDay = dayOffline('interrupted', story, COUNT)
    const interrupted = await syncPass(api, interruptedDay, { kills: KILLS, staleCopyAt: Math.round(COUNT / 2) })
    const counted = await countRows(databaseUrl, [...warmUpDay, ...cleanDay, ...interruptedDay])
    const storage: Record<string, Awaited<ReturnType<typeof storageCost>>> = {}
    for (const size of STORAGE_SIZES) storage[`items${size}`] = await storageCost(size, story)

    const summary = (pass: Pass) => {
      const sorted = [...pass.latencies].sort((a, b) => a - b)
      return {
        totalMs: Math.round(pass.totalMs),
        perSecond: Math.round((COUNT / (pass.totalMs / 1000)) * 10) / 10,
        sends: pass.sends,
        replayed: pass.sends - pass.sentItems,
        p50Ms: roundMs(percentile(sorted, 50)),
        p95Ms: roundMs(percentile(sorted, 95)),
        p99Ms: roundMs(percentile(sorted, 99)),
      }
    }
    const failed = [...warmUp.failed, ...clean.failed, ...interrupted.failed]
    const report = {
      measure: 'sync-queue',
      count: COUNT,
      mix: 'per 10: 1 activity.create, 6 visit.create, 2 cash + 1 goods donation.create',
      ...summary(clean),
      goalTotalMs: GOAL_TOTAL_MS,
      withinGoal: clean.totalMs <= GOAL_TOTAL_MS,
      // What the run spent with no call in flight is the queue's own work.
      outsideCallsMs: Math.round(clean.totalMs - clean.inCallsMs),
      storage,
      interrupted: { ...summary(interrupted), kills: interrupted.kills, staleCopies: interrupted.staleCopies },
      duplicates: counted.duplicates,
      missing: counted.missing,
      failed: failed.length,
      ...(failed.length ? { failedItems: failed.slice(0, 10) } : {}),
    }
    console.log(JSON.stringify(report))
    if (report.duplicates || report.missing || report.failed) process.exitCode = 1
  })

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
