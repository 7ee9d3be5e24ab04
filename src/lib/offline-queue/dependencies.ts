// Later items may refer to records that earlier items create offline (a visit to an activity
// made on the same day without signal). When such a create fails for good, the items that refer
// to its client-made id wait with it; items that do not, go on.
import type { QueueItem } from './types'

/** The client-made id of the record an item creates, if it creates one. */
export const createdIdOf = (item: QueueItem): string | undefined => {
  const id = item.input.id
  return /\.create$/.test(item.procedure) && typeof id === 'string' ? id : undefined
}

const collectStrings = (value: unknown, into: Set<string>): Set<string> => {
  if (typeof value === 'string') into.add(value)
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into)
  return into
}

/** Every id an item refers to (its own new id excluded). */
export const referencedIds = (item: QueueItem): Set<string> => {
  const ids = collectStrings(item.input, new Set())
  const own = createdIdOf(item)
  if (own) ids.delete(own)
  return ids
}

/** Item id → the failed item it waits for, directly or through another waiting item. */
export const blockedItems = (items: readonly QueueItem[]): Record<string, string> => {
  const missing = new Map<string, string>() // record id → the failed item behind its absence
  const blocked: Record<string, string> = {}
  for (const item of items) {
    const created = createdIdOf(item)
    if (item.state === 'failed') {
      if (created) missing.set(created, item.id)
      continue
    }
    let blocker: string | undefined
    for (const id of referencedIds(item)) {
      blocker = missing.get(id)
      if (blocker) break
    }
    if (!blocker) continue
    blocked[item.id] = blocker
    if (created) missing.set(created, blocker)
  }
  return blocked
}
