// An offline queue kept in memory, for the pages that fill it or show it: what it stores is read
// back with `stored()`; it is online or not as the test says, and sets no timers unless given a
// clock that does (realTimers).
import { vi } from 'vitest'
import { createOfflineQueue } from '../../src/lib/offline-queue/queue'
import type { Clock, QueueItem, Transport } from '../../src/lib/offline-queue/types'
import { legacyQueueStorage } from '../helpers/memory-storage'

/** A client-made id, as the queue gives its items and the records created offline. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const NO_TIMERS: Clock = { now: () => Date.now(), setTimer: () => () => {} }

/** Retries and attempt timeouts on the real clock, as in the app. */
export const realTimers: Clock = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    const handle = setTimeout(run, ms)
    return () => clearTimeout(handle)
  },
}

export const memoryQueue = ({
  items = [],
  lastSyncedAt = null,
  transport = vi.fn<Transport>(),
  isOnline = false,
  clock = NO_TIMERS,
}: {
  items?: QueueItem[]
  lastSyncedAt?: number | null
  transport?: Transport
  isOnline?: boolean
  clock?: Clock
} = {}) => {
  // Given items are stored as an older app kept them: the queue moves them to its own keys.
  const storage = legacyQueueStorage({ items: structuredClone(items), lastSyncedAt })
  const queue = createOfflineQueue({
    storage,
    transport,
    clock,
    network: { isOnline: () => isOnline },
    makeId: () => crypto.randomUUID(),
  })
  return { queue, stored: storage.peek }
}
