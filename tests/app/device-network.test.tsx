// The mini-program's network status follows WeChat's for the app's whole life: React Query leaves
// and subscribes again as its queries come and go, and the listener that comes back must still be
// told when the phone goes offline (or the queue would never learn it is back online).
import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deviceNetwork } from '../../src/lib/offline-queue/network'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

type OnStatus = (status: { isConnected: boolean; networkType: string }) => void

/** WeChat's network API as the phone gives it: listeners added and removed, a switch for the test. */
const fakeWeChatNetwork = () => {
  const followers = new Set<OnStatus>()
  vi.spyOn(Taro, 'getNetworkType').mockResolvedValue({ networkType: 'wifi', errMsg: 'getNetworkType:ok' })
  vi.spyOn(Taro, 'onNetworkStatusChange').mockImplementation((callback) => void followers.add(callback as OnStatus))
  vi.spyOn(Taro, 'offNetworkStatusChange').mockImplementation((callback) => void followers.delete(callback as OnStatus))
  return (isConnected: boolean) => {
    for (const follower of followers) follower({ isConnected, networkType: isConnected ? 'wifi' : 'none' })
  }
}

describe('the mini-program’s network status', () => {
  afterEach(() => vi.restoreAllMocks())

  it('tells a listener that comes after another has left', async () => {
    const switchNetwork = fakeWeChatNetwork()
    const network = deviceNetwork()
    const first = vi.fn()
    network.onChange?.(first)?.()
    const second = vi.fn()
    network.onChange?.(second)
    switchNetwork(false)
    expect(second).toHaveBeenCalledWith(false)
    expect(network.isOnline()).toBe(false)
    switchNetwork(true)
    expect(second).toHaveBeenLastCalledWith(true)
    expect(first).not.toHaveBeenCalled()
  })
})
