// Which items go out together, and what their answers make of them. The first item due goes
// first, as always; creates of new records behind it (each with its client-made id) join it in one
// request, up to RUN_SIZE, as long as none refers to a record another item of the run creates:
// those wait for the next request, so a visit is never sent beside the activity it belongs to.
// Anything else (an update, a transition, a photo) goes alone, in its turn: its order against the
// items around it may matter.
import { classifyError } from './classify-error'
import { createdIdOf, referencedIds } from './dependencies'
import type { FirstAttempt, QueueItem } from './types'

/** At most the app's batch link sends in one request (src/lib/trpc.ts). */
export const RUN_SIZE = 10

/** A create whose record is new: independent of the others but for the ids it refers to. */
const joins = (item: QueueItem) => createdIdOf(item) !== undefined

/**
 * The next items to send, in queue order: empty when none may go now. `isWaiting` tells the
 * items skipped as today (failed, waiting on a failed one, another account's).
 */
export const nextRun = (
  items: readonly QueueItem[],
  isWaiting: (item: QueueItem) => boolean,
  now: number,
): QueueItem[] => {
  const run: QueueItem[] = []
  const created = new Set<string>()
  for (const item of items) {
    if (item.state !== 'pending' || isWaiting(item)) continue
    if (!run.length) {
      run.push(item)
      if (item.nextAttemptAt > now || !joins(item)) return run
    } else {
      if (item.nextAttemptAt > now || !joins(item)) return run
      for (const id of referencedIds(item)) if (created.has(id)) return run
      run.push(item)
    }
    const id = createdIdOf(item)
    if (id) created.add(id)
    if (run.length >= RUN_SIZE) return run
  }
  return run
}

/** How one item of a request went: its result, or what the client threw. */
export type SendOutcome = { item: QueueItem; result: unknown; isFailure: boolean }

/**
 * What a request's answers make of its items, in queue order: recorded (or recorded before) ones
 * leave the queue; a permanent refusal stops its item ('failed'); a temporary one puts its item
 * back, due at `retryAt(attempts)`, and the sync waits until the first such is due.
 */
export const judgeRun = (outcomes: readonly SendOutcome[], retryAt: (attempts: number) => number) => {
  const synced: { item: QueueItem; result: unknown }[] = []
  const changed: QueueItem[] = []
  const settled: [string, FirstAttempt][] = []
  let firstRetryAt: number | null = null
  for (const { item, result, isFailure } of outcomes) {
    const verdict = isFailure ? classifyError(result) : null
    if (verdict?.kind === 'temporary') {
      const nextAttemptAt = retryAt(item.attempts)
      changed.push({ ...item, state: 'pending', nextAttemptAt, error: verdict.error })
      settled.push([item.id, { status: 'queued' }])
      firstRetryAt = Math.min(firstRetryAt ?? nextAttemptAt, nextAttemptAt)
    } else if (verdict?.kind === 'permanent') {
      changed.push({ ...item, state: 'failed', error: verdict.error })
      settled.push([item.id, { status: 'failed', error: verdict.error, cause: result }])
    } else {
      const recorded = verdict ? null : result
      synced.push({ item, result: recorded })
      settled.push([item.id, { status: 'synced', result: recorded }])
    }
  }
  return { synced, changed, settled, retryAt: firstRetryAt }
}
