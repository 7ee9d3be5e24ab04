// Whether the phone is online, as WeChat reports it (Taro.getNetworkType, onNetworkStatusChange).
// H5 has its own file, network.h5.ts: Taro's H5 version of these never reports being offline.
import Taro from '@tarojs/taro'
import type { NetworkStatus } from './types'

/**
 * Online until told otherwise: getNetworkType answers asynchronously. It follows WeChat's network
 * for the app's whole life, as network.h5.ts follows the browser's: a listener that leaves does not
 * stop it, so one that comes later (React Query subscribes again) is still told.
 */
export const deviceNetwork = (): NetworkStatus => {
  let isOnline = true
  const listeners = new Set<(online: boolean) => void>()
  const set = (online: boolean) => {
    isOnline = online
    for (const listener of listeners) listener(online)
  }
  Taro.getNetworkType()
    .then(({ networkType }) => set(networkType !== 'none'))
    .catch(() => undefined)
  Taro.onNetworkStatusChange(({ isConnected }) => set(isConnected))
  return {
    isOnline: () => isOnline,
    onChange: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
