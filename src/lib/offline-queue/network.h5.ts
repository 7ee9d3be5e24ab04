// Whether the browser is online: navigator.onLine and the window's online/offline events. (Taro's
// H5 getNetworkType and onNetworkStatusChange read navigator.connection, which never says
// 'none'.) The mini-program's is network.ts.
import type { NetworkStatus } from './types'

export const deviceNetwork = (): NetworkStatus => {
  const listeners = new Set<(online: boolean) => void>()
  const tell = () => {
    for (const listener of listeners) listener(navigator.onLine)
  }
  window.addEventListener('online', tell)
  window.addEventListener('offline', tell)
  return {
    isOnline: () => navigator.onLine,
    onChange: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
