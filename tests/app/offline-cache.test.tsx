// The copy of the account's queries kept on the device: restored at launch for that account, and
// shown at once, but always asked for again: writes made after it was saved (a donation, then a
// reload within the queries' staleTime) must not leave old figures on screen.
import { createTRPCClient, type TRPCLink } from '@trpc/client'
import { observable } from '@trpc/server/observable'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppRouter } from '../../server/routers/app-router'
import { staffDashboardQueries } from '../../src/lib/dashboard-queries'
import { keepOfflineCache, restoreOfflineCache } from '../../src/lib/offline-cache'
import { saveSession } from '../../src/lib/session'
import { makeQueryClient } from '../../src/lib/trpc'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const SUMMARY = { totals: { totalFen: 0n }, byMonth: [], byActivity: [] }

const unusedLink: TRPCLink<AppRouter> = () => () => observable((observer) => observer.complete())
const trpc = createTRPCOptionsProxy<AppRouter>({
  client: createTRPCClient({ links: [unusedLink] }),
  queryClient: makeQueryClient(),
})
const summaryKey = staffDashboardQueries(trpc).summary.queryKey
const ledgerKey = trpc.donation.list.infiniteQueryOptions(
  { limit: 20 },
  { getNextPageParam: (page) => page.nextCursor },
).queryKey

const ledgerPage = (n: number) => ({ items: [{ id: `d${n}` }], nextCursor: `c${n}` })

const signIn = (id: string) =>
  saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id, roles: ['SECRETARY'] } })

afterEach(() => {
  vi.useRealTimers()
  localStorage.clear()
})

/** Keeps what `fill` puts in a cache, as the app does while it runs. */
const keep = (fill: (queryClient: ReturnType<typeof makeQueryClient>) => void) => {
  vi.useFakeTimers()
  const queryClient = makeQueryClient()
  const stop = keepOfflineCache(queryClient)
  fill(queryClient)
  vi.advanceTimersByTime(1_500)
  stop()
  vi.useRealTimers()
}

describe('offline cache', () => {
  it('restores the figures at once, marked to be asked for again', () => {
    signIn('u1')
    keep((queryClient) => queryClient.setQueryData(summaryKey, SUMMARY))
    const relaunched = makeQueryClient()
    restoreOfflineCache(relaunched)
    expect(relaunched.getQueryData(summaryKey)).toEqual(SUMMARY)
    // However recent the copy, a page that shows it asks the server again.
    expect(relaunched.getQueryState(summaryKey)?.isInvalidated).toBe(true)
  })

  it('restores nothing for another account', () => {
    signIn('u1')
    keep((queryClient) => queryClient.setQueryData(summaryKey, SUMMARY))
    signIn('u2')
    const relaunched = makeQueryClient()
    restoreOfflineCache(relaunched)
    expect(relaunched.getQueryData(summaryKey)).toBeUndefined()
  })

  it('keeps the first pages of a list seen, to show again offline', () => {
    signIn('u1')
    const pages = [ledgerPage(1), ledgerPage(2), ledgerPage(3)]
    keep((queryClient) => queryClient.setQueryData(ledgerKey, { pages, pageParams: [null, 'c1', 'c2'] }))
    const relaunched = makeQueryClient()
    restoreOfflineCache(relaunched)
    expect(relaunched.getQueryData(ledgerKey)).toEqual({ pages: pages.slice(0, 2), pageParams: [null, 'c1'] })
  })
})
