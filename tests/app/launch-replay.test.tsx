// H5's launch: the prefetch records the requests it made on the page it opened, and at the next
// launch takes the answers that index.html's script asked for before the app's code ran, once each;
// anything else goes to the network (none here: such a request fails). Signing out forgets the record.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { launchFetch } from '../../src/lib/launch-replay.h5'
import { clearSession, LAUNCH_REQUESTS_KEY } from '../../src/lib/session'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

type Early = { status: number; contentType: string | null; text: string }
const early = (answers: Record<string, Early>) => {
  const promises: Record<string, Promise<Early>> = {}
  for (const [key, answer] of Object.entries(answers)) promises[key] = Promise.resolve(answer)
  ;(window as unknown as { __pdrlLaunch?: unknown }).__pdrlLaunch = promises
}

const ME_BODY = '{"$undefined":true}'
const ME_ANSWER = { status: 200, contentType: 'application/json', text: '{"result":{"data":{"id":"u1"}}}' }

beforeEach(() => localStorage.clear())
afterEach(() => {
  delete (window as unknown as { __pdrlLaunch?: unknown }).__pdrlLaunch
})

describe('launch replay (H5)', () => {
  it('takes the early answer for the very request it recorded, once', async () => {
    early({ [`/trpc/auth.me\n${ME_BODY}`]: ME_ANSWER })
    const fetch = launchFetch('pages/home/index')
    const response = await fetch('/trpc/auth.me', { method: 'POST', body: ME_BODY })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ result: { data: { id: 'u1' } } })
    expect(response.headers.get('content-type')).toBe('application/json')
    // Taken once: the same request again goes to the network.
    await expect(fetch('/trpc/auth.me', { method: 'POST', body: ME_BODY })).rejects.toThrow(/Network request failed/)
  })

  it('sends a request with another body to the network', async () => {
    early({ '/trpc/stats.summary\n{"top":5}': ME_ANSWER })
    await expect(
      launchFetch('pages/home/index')('/trpc/stats.summary', { method: 'POST', body: '{"top":10}' }),
    ).rejects.toThrow(/Network request failed/)
  })

  it('records what the launch asked for and on which page, for index.html; sign-out forgets it', async () => {
    const fetch = launchFetch('pages/home/index')
    await fetch('/trpc/auth.me', { method: 'POST', body: ME_BODY }).catch(() => undefined)
    await fetch('/trpc/stats.summary', { method: 'POST', body: '{"top":5}' }).catch(() => undefined)
    // As index.html's script reads it: Taro's H5 storage keeps {"data": …}.
    expect(JSON.parse(localStorage.getItem(LAUNCH_REQUESTS_KEY) ?? 'null').data).toMatchObject({
      path: 'pages/home/index',
      requests: [
        { url: '/trpc/auth.me', body: ME_BODY },
        { url: '/trpc/stats.summary', body: '{"top":5}' },
      ],
    })
    clearSession()
    expect(localStorage.getItem(LAUNCH_REQUESTS_KEY)).toBeNull()
  })
})
