// H5's launch: the prefetch records the requests it made on the page it opened, and at the next
// launch takes the answers that index.html's script asked for before the app's code ran, once each;
// anything else goes to the network (none here: such a request fails). Signing out forgets the record.
// With no record (the first launch after signing in), index.html sends what the build wrote for the
// 工作台: the very requests the prefetch makes there, for each persona.
import { waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../common/enums'
import { homeLaunch } from '../../config/home-launch-plugin'
import { prefetchForLaunch } from '../../src/lib/launch-prefetch'
import { launchFetch } from '../../src/lib/launch-replay.h5'
import { personaOf } from '../../src/lib/roles'
import { clearSession, LAUNCH_REQUESTS_KEY, saveSession } from '../../src/lib/session'
import { makeQueryClient } from '../../src/lib/trpc'

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

  it('records what the launch asked for, on which page and for whom, for index.html; sign-out forgets it', async () => {
    saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id: 'u1', roles: ['SECRETARY'] } })
    const fetch = launchFetch('pages/home/index')
    await fetch('/trpc/auth.me', { method: 'POST', body: ME_BODY }).catch(() => undefined)
    await fetch('/trpc/stats.summary', { method: 'POST', body: '{"top":5}' }).catch(() => undefined)
    // As index.html's script reads it: Taro's H5 storage keeps {"data": …}.
    expect(JSON.parse(localStorage.getItem(LAUNCH_REQUESTS_KEY) ?? 'null').data).toMatchObject({
      path: 'pages/home/index',
      userId: 'u1',
      requests: [
        { url: '/trpc/auth.me', body: ME_BODY },
        { url: '/trpc/stats.summary', body: '{"top":5}' },
      ],
    })
    clearSession()
    expect(localStorage.getItem(LAUNCH_REQUESTS_KEY)).toBeNull()
  })

  it.each<Role[]>([['ADMIN'], ['SECRETARY'], ['CADRE'], ['MEMBER'], ['RESIDENT'], []])(
    'the 工作台 the build writes for a first launch asks what the prefetch asks, for roles %j',
    async (...roles) => {
      saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id: 'u1', roles } })
      for (const path of homeLaunch().paths) {
        localStorage.removeItem(LAUNCH_REQUESTS_KEY)
        prefetchForLaunch(makeQueryClient(), { path, fetch: launchFetch(path) })
        const plan = homeLaunch()
        const sent = plan.staffPersonas.includes(personaOf(roles)) ? plan.staffRequests : plan.requests
        await waitFor(() =>
          expect(JSON.parse(localStorage.getItem(LAUNCH_REQUESTS_KEY) ?? 'null')?.data.requests).toHaveLength(
            sent.length,
          ),
        )
        const recorded = JSON.parse(localStorage.getItem(LAUNCH_REQUESTS_KEY) ?? 'null').data.requests
        const key = (r: { url: string; body: string }) => `${r.url}\n${r.body}`
        expect(recorded.map(key).sort()).toEqual(sent.map(key).sort())
      }
    },
  )
})
