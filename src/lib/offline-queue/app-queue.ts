// The app's one queue, with its triggers: the network coming back (the queue listens itself),
// the app coming to the foreground, and the 我的 tab's badge kept to the count of what waits.
import { onlineManager } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import type { TRPCClient } from '@trpc/client'
import type { AppRouter } from '../api-types'
import { loadPhotoQueue } from '../photos/photo-queue-module'
import { PHOTO_UPLOAD } from '../photos/photo-upload'
import { readSession } from '../session'
import { uuid } from '../uuid'
import { deviceNetwork } from './network'
import { createOfflineQueue, type OfflineQueue } from './queue'
import { systemClock, taroStorage, trpcTransport } from './taro-ports'
import type { QueueItem } from './types'

const MINE_TAB_INDEX = 3

export const createAppQueue = (client: TRPCClient<AppRouter>, onSynced: (item: QueueItem) => void): OfflineQueue => {
  const api = trpcTransport(client)
  const network = deviceNetwork()
  // Queries follow the same signal: offline they pause (and keep what they show) instead of failing.
  onlineManager.setEventListener((setOnline) => network.onChange?.(setOnline))
  onlineManager.setOnline(network.isOnline())
  const queue = createOfflineQueue({
    storage: taroStorage,
    // Photos go up as multipart files, outside tRPC (server/http/photos.ts).
    transport: (procedure, input) =>
      procedure === PHOTO_UPLOAD
        ? loadPhotoQueue().then((photos) => photos.sendQueuedPhoto(input))
        : api(procedure, input),
    clock: systemClock,
    network,
    makeId: uuid,
    currentOwner: () => readSession()?.userId ?? null,
    onSynced: (item) => {
      if (item.procedure === PHOTO_UPLOAD) void loadPhotoQueue().then((photos) => photos.forgetUploadedPhoto(item))
      onSynced(item)
    },
  })
  void loadPhotoQueue().then((photos) => photos.sweepUnqueuedPhotos(queue.getSnapshot().items))
  return queue
}

const showBadge = (count: number) => {
  const done = count
    ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
    : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX })
  // Off a tab page (or before the tab bar exists) WeChat refuses; the next change tries again.
  ;(done as Promise<unknown> | undefined)?.catch?.(() => undefined)
}

/** Starts syncing now and on every return to the foreground; returns the stop. */
export const runAppQueue = (queue: OfflineQueue): (() => void) => {
  let shown = -1
  const badge = () => {
    const { pendingCount, failedCount } = queue.getSnapshot()
    if (pendingCount + failedCount === shown) return
    shown = pendingCount + failedCount
    try {
      showBadge(shown)
    } catch {
      // Not every platform has a native tab bar badge.
    }
  }
  const onShow = () => {
    shown = -1
    badge()
    void queue.sync()
  }
  const unsubscribe = queue.subscribe(badge)
  Taro.onAppShow(onShow)
  onShow()
  return () => {
    unsubscribe()
    Taro.offAppShow?.(onShow)
  }
}
