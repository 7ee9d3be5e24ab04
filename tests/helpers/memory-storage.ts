// Taro's storage as the phone keeps it, in memory: each value as JSON text under its key,
// outliving the app (a new queue on the same storage reads it back). Counts what is written, and
// reads the offline queue back as stored, 'syncing' items included.
import { QUEUE_ITEM_KEY_PREFIX } from '../../src/lib/offline-queue/stored-queue'
import type { QueueItem, QueueStorage, StoredQueue } from '../../src/lib/offline-queue/types'

/** Where the app before one key per item kept its whole queue. */
export const LEGACY_QUEUE_KEY = 'pdrl.offline-queue'

export type MemoryStorage = QueueStorage & {
  /** The queue's items in queue order, and its index's lastSyncedAt, as they are stored. */
  peek: () => StoredQueue
  /** Writes (set) made so far, and their UTF-8 bytes as Taro stores them ({ data: value }). */
  written: () => { writes: number; bytes: number }
  keys: () => string[]
  /** Another storage holding what this one holds now (a phone's storage copied mid-sync). */
  copy: () => MemoryStorage
}

export const memoryStorage = (initial: ReadonlyMap<string, string> = new Map()): MemoryStorage => {
  const values = new Map(initial)
  let writes = 0
  let bytes = 0
  const get = (key: string): unknown => {
    const text = values.get(key)
    return text === undefined ? '' : (JSON.parse(text) as { data: unknown }).data
  }
  return {
    get,
    set: (key, value) => {
      const text = JSON.stringify({ data: value })
      values.set(key, text)
      writes += 1
      bytes += Buffer.byteLength(text, 'utf8')
    },
    remove: (key) => void values.delete(key),
    peek: () => {
      const items = [...values.keys()]
        .filter((key) => key.startsWith(QUEUE_ITEM_KEY_PREFIX))
        .sort((a, b) => Number(a.slice(QUEUE_ITEM_KEY_PREFIX.length)) - Number(b.slice(QUEUE_ITEM_KEY_PREFIX.length)))
        .map((key) => get(key) as QueueItem)
      const index = get('pdrl.offline-queue.index') as { lastSyncedAt?: number | null } | ''
      return { items, lastSyncedAt: typeof index === 'object' ? (index.lastSyncedAt ?? null) : null }
    },
    written: () => ({ writes, bytes }),
    keys: () => [...values.keys()],
    copy: () => memoryStorage(values),
  }
}

/** A storage holding `queue` as the app before one key per item kept it. */
export const legacyQueueStorage = (queue: StoredQueue): MemoryStorage => {
  const storage = memoryStorage()
  storage.set(LEGACY_QUEUE_KEY, queue)
  return storage
}
