// The queue for React: one per app (app.tsx), its state for the badge, the banner and 待同步.
import { createContext, type PropsWithChildren, useContext, useSyncExternalStore } from 'react'
import type { OfflineQueue } from './queue'
import type { QueueSnapshot } from './types'

const OfflineQueueContext = createContext<OfflineQueue | null>(null)

export const OfflineQueueProvider = ({ queue, children }: PropsWithChildren<{ queue: OfflineQueue }>) => (
  <OfflineQueueContext.Provider value={queue}>{children}</OfflineQueueContext.Provider>
)

/** The queue, or null outside the app (component tests that do not need it). */
export const useOptionalOfflineQueue = (): OfflineQueue | null => useContext(OfflineQueueContext)

export const useOfflineQueue = (): OfflineQueue => {
  const queue = useContext(OfflineQueueContext)
  if (!queue) throw new Error('useOfflineQueue needs an OfflineQueueProvider (app.tsx)')
  return queue
}

const noQueue = () => () => {}
const nothing = () => null

export const useOfflineQueueState = (): QueueSnapshot | null => {
  const queue = useContext(OfflineQueueContext)
  return useSyncExternalStore(queue?.subscribe ?? noQueue, queue?.getSnapshot ?? nothing)
}
