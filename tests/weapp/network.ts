// The phone's network for the realm harness, as WeChat reports it and as a check switches it:
// wx.getNetworkType answers the current type ('wifi', or 'none' with no network at all),
// wx.onNetworkStatusChange's listeners are called with { isConnected, networkType } on each switch
// (wx.offNetworkStatusChange takes one off, or all), and with no network wx.request and
// wx.uploadFile call `fail` at once with `<api>:fail …` and a network errno, no statusCode.
import type { WeChatRealm } from './realm'

export type NetworkType = 'wifi' | 'none'

type Callbacks = { success?: (r: object) => void; fail?: (r: object) => void; complete?: (r: object) => void }
type StatusListener = (status: { isConnected: boolean; networkType: NetworkType }) => void

/** errno 600001: a network error (net::ERR_…), as WeChat's table of errno has it. */
const NETWORK_ERRNO = 600_001

export const createNetwork = (realm: WeChatRealm, initial: NetworkType = 'wifi') => {
  let type = initial
  const listeners = new Set<StatusListener>()

  const answer = (options: Callbacks, result: object, isOk: boolean) =>
    new Promise<object>((resolve, reject) =>
      setTimeout(() => {
        const adopted = realm.adopt(result)
        if (isOk) options.success?.(adopted)
        else options.fail?.(adopted)
        options.complete?.(adopted)
        // Without callbacks the answer is a promise (Taro uses both), rejected on failure.
        if (isOk || options.fail || options.complete) resolve(adopted)
        else reject(adopted)
      }, 0),
    )

  const wx = {
    getNetworkType: (options: Callbacks = {}) =>
      answer(
        options,
        {
          networkType: type,
          signalStrength: type === 'none' ? 0 : 90,
          hasSystemProxy: false,
          errMsg: 'getNetworkType:ok',
        },
        true,
      ),
    onNetworkStatusChange: (listener: StatusListener) => void listeners.add(listener),
    offNetworkStatusChange: (listener?: StatusListener) => {
      if (listener) listeners.delete(listener)
      else listeners.clear()
    },
  }

  return {
    /** The wx APIs of the network, to put on the stand-in's `wx`. */
    wx,
    isOnline: () => type !== 'none',
    /** Switches the network: each listener hears of it a turn of the event loop later, as WeChat tells it. */
    set: (next: NetworkType) => {
      if (next === type) return
      type = next
      for (const listener of [...listeners]) {
        setTimeout(() => listener(realm.adopt({ isConnected: next !== 'none', networkType: next })), 0)
      }
    },
    /** An API that needs the network (request, uploadFile), failing as WeChat fails it with none. */
    fail: (api: 'request' | 'uploadFile', options: Callbacks) =>
      answer(options, { errMsg: `${api}:fail net::ERR_INTERNET_DISCONNECTED`, errno: NETWORK_ERRNO }, false),
  }
}

export type Network = ReturnType<typeof createNetwork>
