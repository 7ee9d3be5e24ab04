// A session ended elsewhere sends the person to 登录 once, however many answers say so at the same
// moment: at a cold start each of the launch's requests is refused, and each would otherwise open
// 登录 anew while the first is still opening it (in the browser, that left 登录's address with
// nothing drawn).
import Taro from '@tarojs/taro'
import { TRPCClientError } from '@trpc/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { followApiRefusal } from '../../src/lib/api-refusal'
import { routes } from '../../src/lib/routes'
import { readSession, saveSession } from '../../src/lib/session'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const unauthorized = () =>
  TRPCClientError.from({
    error: { code: -32001, message: '登录已过期，请重新登录', data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
  })

describe('an API refusal', () => {
  afterEach(() => vi.restoreAllMocks())

  it('clears the session and opens 登录 once for refusals that arrive while it opens', async () => {
    saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'pages/home/index' }] as Taro.Page[])
    let opened = () => {}
    const reLaunch = vi.spyOn(Taro, 'reLaunch').mockImplementation(
      () =>
        new Promise<TaroGeneral.CallbackResult>((resolve) => {
          opened = () => resolve({ errMsg: 'reLaunch:ok' })
        }),
    )
    for (let i = 0; i < 3; i++) followApiRefusal(unauthorized())
    expect(readSession()).toBeNull()
    expect(reLaunch).toHaveBeenCalledTimes(1)
    expect(reLaunch).toHaveBeenCalledWith({ url: routes.login })
    opened()
    // Once 登录 has opened, a later refusal (from another page) may open it again.
    await vi.waitFor(() => {
      followApiRefusal(unauthorized())
      expect(reLaunch).toHaveBeenCalledTimes(2)
    })
  })
})
