// Whether the phone is online, as WeChat reports it (Taro.getNetworkType, onNetworkStatusChange).
// H5 has its own file, network.h5.ts: Taro's H5 version of these never reports being offline.
import Taro from '@tarojs/taro'
import type { NetworkStatus } from './types'

/** Online until told otherwise: getNetworkType answers asynchronously. */
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
