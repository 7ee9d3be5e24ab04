// The offline queue: every mutation the app makes is kept here, on the device, until the server
// has it. Items go out oldest first, in runs: the first item due, and the independent creates
// behind it, in one request (next-run.ts); each carries the clientMutationId made when it was
// queued, so a replay (after a lost answer, an app kill, a second sync) is recorded once
// (server/services/idempotency.ts). Each item has its own storage key (stored-queue.ts), so
// sending one writes that item and a small index, whatever the queue's length.
//
// - A temporary failure (no network, a timeout, 5xx, 429) stops the run; the item is retried
//   after a backoff with full jitter, and the items behind it wait (order matters: an update
//   follows its create).
// - A permanent failure (validation, permission, not found, a version conflict) marks the item
//   'failed' with the server's message; the items that refer to the record it should have created
//   wait with it (dependencies.ts); the others go on. Nothing is dropped but by the person
//   (discard) or by the server's answer.
// - A version conflict is merged by the person (处理冲突): `resolve` puts the merge back in line.
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff'
import { blockedItems } from './dependencies'
import { judgeRun, nextRun, type SendOutcome } from './next-run'
import { openQueueStore } from './stored-queue'
import type { Clock, FirstAttempt, NetworkStatus, QueueItem, QueueSnapshot, QueueStorage, Transport } from './types'
import { withinTime } from './within-time'

export type OfflineQueueOptions = {
  storage: QueueStorage
  transport: Transport
  clock: Clock
  network: NetworkStatus
  /** A new UUID (the queue item's id and clientMutationId). */
  makeId: () => string
  /** In [0, 1): the jitter. */
  random?: () => number
  backoff?: BackoffPolicy
  /** A call that has not answered in this long counts as a temporary failure (then replayed). */
  attemptTimeoutMs?: number
  /**
   * Who is signed in now (their user id), or null. Given: each item remembers who saved it and
   * is sent only while that account is signed in; the others wait, and block no one.
   */
  currentOwner?: () => string | null
  /** After an item is recorded: invalidate what it changed. */
  onSynced?: (item: QueueItem, result: unknown) => void
}

export type OfflineQueue = ReturnType<typeof createOfflineQueue>

export const createOfflineQueue = (options: OfflineQueueOptions) => {
  const { storage, transport, clock, network, makeId, onSynced, currentOwner } = options
  const random = options.random ?? Math.random
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000

  const store = openQueueStore(storage)
  let { items, lastSyncedAt } = store.load()
  /** The items of the request in flight, in queue order. */
  let syncingIds: string[] = []
  let isOnline = network.isOnline()
  let running: Promise<void> | null = null
  let rerun = false
  let cancelTimer: (() => void) | null = null
  const listeners = new Set<() => void>()
  const firstAttemptWaiters = new Map<string, (outcome: FirstAttempt) => void>()

  const makeSnapshot = (): QueueSnapshot => ({
    items,
    pendingCount: items.filter((i) => i.state !== 'failed').length,
    failedCount: items.filter((i) => i.state === 'failed').length,
    syncingId: syncingIds[0] ?? null,
    syncingIds,
    blockedBy: blockedItems(items),
    lastSyncedAt,
    isOnline,
  })
  let snapshot = makeSnapshot()

  const notify = () => {
    snapshot = makeSnapshot()
    for (const listener of listeners) listener()
  }
  /** Every change is persisted before anyone is told of it: the changed items only. */
  const put = (changed: readonly QueueItem[]) => {
    for (const item of changed) store.put(item)
    const byId = new Map(changed.map((item) => [item.id, item]))
    const kept = items.map((item) => {
      const next = byId.get(item.id)
      byId.delete(item.id)
      return next ?? item
    })
    items = [...kept, ...byId.values()]
    notify()
  }
  const remove = (ids: readonly string[], syncedAt?: number) => {
    store.remove(ids, syncedAt)
    const gone = new Set(ids)
    items = items.filter((item) => !gone.has(item.id))
    if (syncedAt !== undefined) lastSyncedAt = syncedAt
    notify()
  }
  const patch = (id: string, change: Partial<QueueItem>) => {
    const item = items.find((i) => i.id === id)
    if (item) put([{ ...item, ...change }])
  }

  const settleFirst = (id: string, outcome: FirstAttempt) => {
    const resolve = firstAttemptWaiters.get(id)
    firstAttemptWaiters.delete(id)
    resolve?.(outcome)
  }

  const schedule = (at: number) => {
    cancelTimer?.()
    cancelTimer = clock.setTimer(
      () => {
        cancelTimer = null
        void sync()
      },
      Math.max(0, at - clock.now()),
    )
  }

  const send = (item: QueueItem): Promise<unknown> =>
    withinTime(
      () => transport(item.procedure, { ...item.input, clientMutationId: item.clientMutationId }),
      clock,
      attemptTimeoutMs,
    )

  /** One request of one or more items; true when the sync may go on to the next items. */
  const attemptRun = async (run: readonly QueueItem[]): Promise<boolean> => {
    const sending = run.map((item) => ({ ...item, state: 'syncing' as const, attempts: item.attempts + 1 }))
    syncingIds = run.map((item) => item.id)
    put(sending)
    // Sent in the same turn, the calls leave in one request (the client's batch link).
    const outcomes = await Promise.all(
      sending.map((item) =>
        send(item).then(
          (result): SendOutcome => ({ item, result, isFailure: false }),
          (error: unknown): SendOutcome => ({ item, result: error, isFailure: true }),
        ),
      ),
    )
    syncingIds = []
    const verdict = judgeRun(outcomes, (attempts) => clock.now() + backoffDelay(attempts, backoff, random))
    if (verdict.changed.length) put(verdict.changed)
    if (verdict.synced.length)
      remove(
        verdict.synced.map(({ item }) => item.id),
        clock.now(),
      )
    for (const [id, outcome] of verdict.settled) settleFirst(id, outcome)
    for (const { item, result } of verdict.synced) onSynced?.(item, result)
    if (verdict.retryAt !== null) schedule(verdict.retryAt)
    return verdict.retryAt === null
  }

  const runOnce = async () => {
    for (;;) {
      if (!isOnline) return
      const blocked = blockedItems(items)
      const owner = currentOwner?.()
      const isSendable = (item: QueueItem) => !currentOwner || (owner !== null && (item.ownerId ?? owner) === owner)
      // Oldest first: the first pending item, of the account signed in, not waiting on a failed one.
      const run = nextRun(items, (item) => Boolean(blocked[item.id]) || !isSendable(item), clock.now())
      const next = run[0]
      if (!next) return
      // Those behind it wait too: they may follow from it.
      if (next.nextAttemptAt > clock.now()) return schedule(next.nextAttemptAt)
      if (!(await attemptRun(run))) return
    }
  }

  /**
   * Sends what is due. Calls while a run is going join it (the run picks up items queued
   * meanwhile). `force` (立即同步) makes waiting items due now.
   */
  const sync = ({ force = false } = {}): Promise<void> => {
    if (force && items.some((i) => i.state === 'pending' && i.nextAttemptAt > clock.now())) {
      put(items.filter((i) => i.state === 'pending' && i.nextAttemptAt > 0).map((i) => ({ ...i, nextAttemptAt: 0 })))
    }
    if (running) {
      rerun = true
      return running
    }
    running = (async () => {
      try {
        do {
          rerun = false
          await runOnce()
        } while (rerun && isOnline)
      } finally {
        running = null
        syncingIds = []
        notify()
      }
    })()
    return running
  }

  /** Queues a mutation; `firstAttempt` tells how its first try went (for the open form). */
  const enqueue = (
    procedure: string,
    input: Record<string, unknown>,
    { clientMutationId = makeId() }: { clientMutationId?: string } = {},
  ): { item: QueueItem; firstAttempt: Promise<FirstAttempt> } => {
    // A second tap on 保存 queues nothing new.
    const existing = items.find((i) => i.clientMutationId === clientMutationId)
    if (existing) return { item: existing, firstAttempt: Promise.resolve({ status: 'queued' }) }
    const { clientMutationId: _dropped, ...rest } = input
    const ownerId = currentOwner?.() ?? undefined
    const item: QueueItem = {
      id: makeId(),
      clientMutationId,
      ...(ownerId ? { ownerId } : {}),
      procedure,
      input: rest,
      createdAt: clock.now(),
      attempts: 0,
      nextAttemptAt: 0,
      state: 'pending',
    }
    const firstAttempt = new Promise<FirstAttempt>((resolve) => firstAttemptWaiters.set(item.id, resolve))
    put([item])
    if (isOnline) void sync()
    return { item, firstAttempt }
  }

  /** 重试: a failed item goes back in line (where it was), due now. */
  const retry = (id: string): Promise<void> => {
    patch(id, { state: 'pending', attempts: 0, nextAttemptAt: 0 })
    return sync({ force: true })
  }

  /**
   * 保存合并结果 (a version conflict): a failed item takes the merged input, which carries the
   * server's current `version`, and goes back in line where it was, due now. False when it is
   * not (or no longer) a failed item.
   *
   * It gets a new clientMutationId. The old one is not recorded: the server claims a key inside
   * the mutation's transaction, and a refusal rolls that back with the work (idempotency.ts), so
   * reusing it would pass today. But the merged input is a different request, and the server
   * refuses a recorded key sent with a different input (IDEMPOTENCY_KEY_REUSED); a new key keeps
   * the merge from ever depending on what became of the refused attempt.
   */
  const resolve = (id: string, input: Record<string, unknown>): Promise<boolean> => {
    const item = items.find((i) => i.id === id)
    if (item?.state !== 'failed') return Promise.resolve(false)
    const { clientMutationId: _dropped, ...rest } = input
    const { error: _resolved, ...kept } = item
    const next: QueueItem = {
      ...kept,
      clientMutationId: makeId(),
      input: rest,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
    }
    put([next])
    return sync({ force: true }).then(() => true)
  }

  /** 放弃: the person gives the item up. The one being sent cannot be taken back. */
  const discard = (id: string): boolean => {
    if (syncingIds.includes(id)) return false
    remove([id])
    settleFirst(id, { status: 'queued' })
    return true
  }

  const setOnline = (online: boolean) => {
    if (online === isOnline) return
    isOnline = online
    notify()
    if (online) void sync()
  }
  const unsubscribeNetwork = network.onChange?.(setOnline)

  return {
    enqueue,
    sync,
    retry,
    resolve,
    discard,
    setOnline,
    getSnapshot: () => snapshot,
    subscribe: (listener: () => void) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    dispose: () => {
      cancelTimer?.()
      unsubscribeNetwork?.()
      listeners.clear()
    },
  }
}
