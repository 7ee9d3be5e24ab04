// 未同步 in the lists: records created on this phone appear at once, before the server
// has them, built from what the form queued; existing rows with an edit still queued are marked
// too. Read from the queue's snapshot, so a row leaves the moment its item is recorded.
import { useMemo } from 'react'
import { useOfflineQueueState } from './context'
import { createdIdOf } from './dependencies'
import type { QueueItem } from './types'

export type UnsyncedState = 'pending' | 'failed'

/** A record created offline: its row, and where its item stands. */
export type UnsyncedCreated<Row> = Row & { itemId: string; id: string; state: UnsyncedState }

export type Unsynced<Row> = {
  /** Newest first, as the lists are. */
  created: UnsyncedCreated<Row>[]
  /** Record id → its queued edit's state ('failed' when any of its edits failed). */
  edited: Readonly<Record<string, UnsyncedState>>
}

const stateOf = (item: QueueItem): UnsyncedState => (item.state === 'failed' ? 'failed' : 'pending')

export const unsyncedOf = <Row>(
  items: readonly QueueItem[],
  router: string,
  toRow: (input: Record<string, unknown>) => Row,
): Unsynced<Row> => {
  const created: UnsyncedCreated<Row>[] = []
  const edited: Record<string, UnsyncedState> = {}
  for (const item of items) {
    if (item.procedure === `${router}.create`) {
      const id = createdIdOf(item)
      if (id) created.unshift({ ...toRow(item.input), itemId: item.id, id, state: stateOf(item) })
    } else if (item.procedure === `${router}.update` && typeof item.input.id === 'string') {
      if (edited[item.input.id] !== 'failed') edited[item.input.id] = stateOf(item)
    }
  }
  return { created, edited }
}

/**
 * The unsynced records of one router (`activity`, `donation`…), as rows made by `toRow` (give it
 * a function that does not change between renders). Outside the app (no queue): none.
 */
export const useUnsynced = <Row>(router: string, toRow: (input: Record<string, unknown>) => Row): Unsynced<Row> => {
  const items = useOfflineQueueState()?.items
  return useMemo(() => unsyncedOf(items ?? [], router, toRow), [items, router, toRow])
}

/** The created rows the server's list does not show yet (it may, just after the sync). */
export const notListed = <T extends { id: string }>(created: T[], listed: readonly { id: string }[]): T[] =>
  created.filter((row) => !listed.some((item) => item.id === row.id))

/** A queued input's text field, or ''. */
export const inputText = (input: Record<string, unknown>, key: string): string =>
  typeof input[key] === 'string' ? (input[key] as string) : ''

/** A queued input's number field, or null. */
export const inputNumber = (input: Record<string, unknown>, key: string): number | null =>
  typeof input[key] === 'number' ? (input[key] as number) : null
