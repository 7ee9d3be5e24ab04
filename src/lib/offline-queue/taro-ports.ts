// The queue's ports on the phone: Taro storage (survives the app being killed), timers, and the
// tRPC client as transport. The network status is network.ts.
import Taro from '@tarojs/taro'
import { getUntypedClient, type TRPCClient } from '@trpc/client'
import type { AppRouter } from '../api-types'
import type { Clock, QueueStorage, Transport } from './types'

/** Taro's storage, read and written a key at a time (the queue's layout is stored-queue.ts). */
export const taroStorage: QueueStorage = {
  get: (key) => {
    try {
      return Taro.getStorageSync(key)
    } catch {
      return null
    }
  },
  // A full storage throws: the caller (useQueuedMutation) then tells the person it did not save.
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Gone already, or storage unreadable: either way the key holds nothing the queue will load.
    }
  },
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    const handle = setTimeout(run, ms)
    return () => clearTimeout(handle)
  },
}

/** 'activity.create' → the client's mutation at that path. */
export const trpcTransport =
  (client: TRPCClient<AppRouter>): Transport =>
  (procedure, input) =>
    getUntypedClient(client).mutation(procedure, input)
