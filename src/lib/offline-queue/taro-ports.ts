// The queue's ports on the phone: Taro storage (survives the app being killed), timers, the
// network status WeChat reports, and the tRPC client as transport.
import Taro from '@tarojs/taro'
import { getUntypedClient, type TRPCClient } from '@trpc/client'
import type { AppRouter } from '../../../server/routers/app-router'
import type { Clock, NetworkStatus, QueueStorage, Transport } from './types'

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

/** Online until told otherwise: getNetworkType answers asynchronously. */
export const taroNetwork = (): NetworkStatus => {
  let isOnline = true
  const listeners = new Set<(online: boolean) => void>()
  const set = (online: boolean) => {
    isOnline = online
    for (const listener of listeners) listener(online)
  }
  Taro.getNetworkType()
    .then(({ networkType }) => set(networkType !== 'none'))
    .catch(() => undefined)
  const onStatus = ({ isConnected }: { isConnected: boolean }) => set(isConnected)
  Taro.onNetworkStatusChange(onStatus)
  return {
    isOnline: () => isOnline,
    onChange: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (!listeners.size) Taro.offNetworkStatusChange?.(onStatus)
      }
    },
  }
}

/** 'activity.create' → the client's mutation at that path. */
export const trpcTransport =
  (client: TRPCClient<AppRouter>): Transport =>
  (procedure, input) =>
    getUntypedClient(client).mutation(procedure, input)
