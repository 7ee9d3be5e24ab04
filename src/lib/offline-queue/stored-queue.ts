// The queue in storage, one key per item, so that a change writes that item alone and sending an
// item costs the same whatever the queue's length:
//   pdrl.offline-queue.index     { first, next, lastSyncedAt }: the items' sequence numbers run
//                                from `first` to `next` (gaps are items gone);
//   pdrl.offline-queue.item.<n>  one item, in queue order by n.
// An older app kept the whole queue under pdrl.offline-queue; the first load moves it over, item by
// item, before anything else is written, so nothing queued on the phone is lost.
//
// What is read back is read defensively: storage may hold anything. Items that are not items are
// left out; an item a kill left 'syncing' is 'pending' again (its replay is safe: the server
// records each clientMutationId once).
import type { QueueItem, QueueStorage, StoredQueue } from './types'

const LEGACY_KEY = 'pdrl.offline-queue'
const INDEX_KEY = 'pdrl.offline-queue.index'
export const QUEUE_ITEM_KEY_PREFIX = 'pdrl.offline-queue.item.'
const itemKey = (seq: number) => `${QUEUE_ITEM_KEY_PREFIX}${seq}`

type Index = { first: number; next: number; lastSyncedAt: number | null }

const isItem = (value: unknown): value is QueueItem => {
  const item = value as Partial<QueueItem> | null
  return Boolean(
    item &&
      typeof item.id === 'string' &&
      typeof item.clientMutationId === 'string' &&
      typeof item.procedure === 'string' &&
      item.input &&
      typeof item.input === 'object',
  )
}

const asLoaded = (item: QueueItem): QueueItem => ({
  ...item,
  attempts: Number(item.attempts) || 0,
  nextAttemptAt: Number(item.nextAttemptAt) || 0,
  state: item.state === 'failed' ? 'failed' : 'pending',
})

const isSeq = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** The whole queue as the older app stored it under one key. */
export const loadStoredQueue = (stored: unknown): StoredQueue => {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Partial<StoredQueue>
  const items = (Array.isArray(raw.items) ? raw.items : []).filter(isItem).map(asLoaded)
  return { items, lastSyncedAt: typeof raw.lastSyncedAt === 'number' ? raw.lastSyncedAt : null }
}

const readIndex = (stored: unknown): Index => {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Partial<Index>
  const next = isSeq(raw.next) ? raw.next : 0
  const first = isSeq(raw.first) && raw.first <= next ? raw.first : 0
  return { first, next, lastSyncedAt: typeof raw.lastSyncedAt === 'number' ? raw.lastSyncedAt : null }
}

export type QueueStore = {
  /** The items in queue order, and when one last went out. */
  load: () => StoredQueue
  /** Writes one item: in its place when it is stored already, else at the end of the queue. */
  put: (item: QueueItem) => void
  /** Takes items out; with `lastSyncedAt` when they went out. */
  remove: (ids: readonly string[], lastSyncedAt?: number) => void
}

/** The queue's store on a key-value storage (Taro's on the phone). */
export const openQueueStore = (storage: QueueStorage): QueueStore => {
  const seqOf = new Map<string, number>()
  let index: Index = { first: 0, next: 0, lastSyncedAt: null }
  const writeIndex = () => storage.set(INDEX_KEY, index)

  /** The older app's whole queue, moved to one key per item. Run again after a kill, it writes the same. */
  const migrate = (legacy: unknown): StoredQueue => {
    const { items, lastSyncedAt } = loadStoredQueue(legacy)
    const before = readIndex(storage.get(INDEX_KEY))
    for (let seq = before.first; seq < before.next; seq++) storage.remove(itemKey(seq))
    index = { first: 0, next: items.length, lastSyncedAt }
    writeIndex()
    items.forEach((item, seq) => {
      storage.set(itemKey(seq), item)
      seqOf.set(item.id, seq)
    })
    storage.remove(LEGACY_KEY)
    return { items, lastSyncedAt }
  }

  const load = (): StoredQueue => {
    seqOf.clear()
    const legacy = storage.get(LEGACY_KEY)
    if (legacy) return migrate(legacy)
    index = readIndex(storage.get(INDEX_KEY))
    const items: QueueItem[] = []
    for (let seq = index.first; seq < index.next; seq++) {
      const value = storage.get(itemKey(seq))
      if (!isItem(value) || seqOf.has(value.id)) continue
      items.push(asLoaded(value))
      seqOf.set(value.id, seq)
    }
    return { items, lastSyncedAt: index.lastSyncedAt }
  }

  const put = (item: QueueItem) => {
    const seq = seqOf.get(item.id)
    if (seq !== undefined) return storage.set(itemKey(seq), item)
    // The index first: a kill in between leaves a gap, never an item beyond the index.
    const added = index.next
    index = { ...index, next: added + 1 }
    writeIndex()
    storage.set(itemKey(added), item)
    seqOf.set(item.id, added)
  }

  const remove = (ids: readonly string[], lastSyncedAt?: number) => {
    let isIndexChanged = lastSyncedAt !== undefined
    for (const id of ids) {
      const seq = seqOf.get(id)
      if (seq === undefined) continue
      storage.remove(itemKey(seq))
      seqOf.delete(id)
      if (seq === index.first) isIndexChanged = true
    }
    if (!isIndexChanged) return
    // The first item still stored: the map holds the numbers in the order they were given.
    const first = seqOf.values().next().value ?? index.next
    index = { first, next: index.next, lastSyncedAt: lastSyncedAt ?? index.lastSyncedAt }
    writeIndex()
  }

  return { load, put, remove }
}
