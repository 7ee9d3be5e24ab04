// An activity created on this phone and not yet on the server, read from its queued create: the
// detail page shows it (marked 未同步), and visits and donations can be logged to it offline —
// they wait behind it in the queue and name it by its client-made id (QueuedRecords lists them).
import { useOfflineQueueState } from './context'
import { createdIdOf } from './dependencies'
import type { QueueItem } from './types'

/** What the visit and donation forms take from their activity. */
export type ActivityBasics = { theme: string; heldOn: string; villageId: string | null }

export type PendingActivity = ActivityBasics & { item: QueueItem; input: Record<string, unknown> }

const text = (input: Record<string, unknown>, key: string) =>
  typeof input[key] === 'string' ? (input[key] as string) : ''

export const usePendingActivity = (id: string | undefined): PendingActivity | null => {
  const items = useOfflineQueueState()?.items ?? []
  if (!id) return null
  const item = items.find((i) => i.procedure === 'activity.create' && createdIdOf(i) === id)
  if (!item) return null
  return {
    item,
    input: item.input,
    theme: text(item.input, 'theme'),
    heldOn: text(item.input, 'heldOn'),
    villageId: text(item.input, 'villageId') || null,
  }
}

/** The activity's theme, day and village: from the server, or from the queue while it waits. */
export const activityBasics = (
  fromServer: { theme: string; heldOn: string; village: { id: string } | null } | undefined,
  pending: PendingActivity | null,
): ActivityBasics | undefined =>
  fromServer
    ? { theme: fromServer.theme, heldOn: fromServer.heldOn, villageId: fromServer.village?.id ?? null }
    : (pending ?? undefined)
