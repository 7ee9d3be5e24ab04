// The queue as it was stored, read back defensively: storage may hold an older app's queue, or
// anything. Items that are not items are left out; an item a kill left 'syncing' is 'pending'
// again (its replay is safe: the server records each clientMutationId once).
import type { QueueItem, StoredQueue } from './types'

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

export const loadStoredQueue = (stored: unknown): StoredQueue => {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Partial<StoredQueue>
  const items = (Array.isArray(raw.items) ? raw.items : []).filter(isItem).map(
    (item): QueueItem => ({
      ...item,
      attempts: Number(item.attempts) || 0,
      nextAttemptAt: Number(item.nextAttemptAt) || 0,
      state: item.state === 'failed' ? 'failed' : 'pending',
    }),
  )
  return { items, lastSyncedAt: typeof raw.lastSyncedAt === 'number' ? raw.lastSyncedAt : null }
}
