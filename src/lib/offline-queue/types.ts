// The offline queue's data and the ports it is given (storage, transport, clock, network), so
// that the core runs in Node tests as it runs on the phone.

export type QueueItemState = 'pending' | 'syncing' | 'failed'

/** What the server answered, kept for the 待同步 page: the stable code and the Chinese message. */
export type ItemError = { code: string; message: string }

export type QueueItem = {
  id: string
  /** Made on the device once; every replay sends it, so the server records the item once. */
  clientMutationId: string
  /** The tRPC procedure path, e.g. 'activity.create'. */
  procedure: string
  /**
   * The account signed in when it was saved. Only that account's session sends it: on a phone
   * shared by two people, one person's records never go out under the other's name.
   */
  ownerId?: string
  /** The input without clientMutationId; a create carries the new record's client-made `id`. */
  input: Record<string, unknown>
  createdAt: number
  attempts: number
  nextAttemptAt: number
  state: QueueItemState
  /** The last failure: the reason a 'failed' item stopped, or why a 'pending' one is waiting. */
  error?: ItemError
}

/** What the queue keeps: its items in order, and when one last went out (stored-queue.ts). */
export type StoredQueue = { items: QueueItem[]; lastSyncedAt: number | null }

/**
 * Key-value storage that outlives the app, as Taro's: `get` answers '' or undefined for a key it
 * does not hold. A full storage throws on `set`.
 */
export type QueueStorage = {
  get: (key: string) => unknown
  set: (key: string, value: unknown) => void
  remove: (key: string) => void
}

/** Sends one mutation; resolves with the server's result, or throws what the client threw. */
export type Transport = (procedure: string, input: Record<string, unknown>) => Promise<unknown>

export type Clock = {
  now: () => number
  /** Calls `run` after `ms`; returns a function that cancels it. */
  setTimer: (run: () => void, ms: number) => () => void
}

export type NetworkStatus = {
  isOnline: () => boolean
  /** Calls the listener when the connection comes or goes; returns the unsubscribe. */
  onChange?: (listener: (isOnline: boolean) => void) => () => void
}

/** How the first attempt of an item went, for the form that is still open when it runs. */
export type FirstAttempt =
  | { status: 'synced'; result: unknown }
  /** The server refused it for good; `cause` is the client's own error (field errors…). */
  | { status: 'failed'; error: ItemError; cause: unknown }
  /** Not yet: offline, a temporary failure, or discarded. It stays in the queue (or is gone). */
  | { status: 'queued' }

export type QueueSnapshot = {
  items: readonly QueueItem[]
  /** Items still to send (pending or syncing, blocked ones included). */
  pendingCount: number
  failedCount: number
  /** The item being sent now (the first, when several go in one request). */
  syncingId: string | null
  /** Every item being sent now. */
  syncingIds: readonly string[]
  /** Item id → the failed item it waits for (it refers to a record that item should create). */
  blockedBy: Readonly<Record<string, string>>
  lastSyncedAt: number | null
  isOnline: boolean
}
