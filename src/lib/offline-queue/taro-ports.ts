// The queue's ports on the phone: Taro storage (survives the app being killed), timers, and the
// tRPC client as transport. The network status is network.ts.
import Taro from '@tarojs/taro'
import { getUntypedClient, type TRPCClient } from '@trpc/client'
import type { AppRouter } from '../api-types'
import type { Clock, QueueStorage, Transport } from './types'

const STORAGE_KEY = 'pdrl.offline-queue'

export const taroStorage: QueueStorage = {
  read: () => {
    try {
      return Taro.getStorageSync(STORAGE_KEY)
    } catch {
      return null
    }
  },
  // A full storage throws: the caller (useQueuedMutation) then tells the person it did not save.
  write: (value) => Taro.setStorageSync(STORAGE_KEY, value),
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
