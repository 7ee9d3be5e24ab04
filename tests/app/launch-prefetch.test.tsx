// At launch the first screen's data is asked for before any page has loaded: who is signed in,
// and on the 工作台 the dashboard of the persona the session was last arranged for, under the very
// cache keys the page reads. auth.me's answer keeps that persona up to date for the next launch.
import { waitFor } from '@testing-library/react'
import { createTRPCClient, type TRPCLink } from '@trpc/client'
import { observable } from '@trpc/server/observable'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../common/enums'
import type { AppRouter } from '../../server/routers/app-router'
import { staffDashboardQueries } from '../../src/lib/dashboard-queries'
import { prefetchForLaunch } from '../../src/lib/launch-prefetch'
import { readSession, saveSession } from '../../src/lib/session'
import { makeQueryClient } from '../../src/lib/trpc'
import { useMe } from '../../src/lib/use-me'
import { renderWithApi } from './render-with-api'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const SUMMARY = { totals: { totalFen: 4_400_000n }, byMonth: [], byActivity: [] }
const OVERDUE = { items: [], nextCursor: null }
const meWith = (roles: Role[]) => ({ id: 'u1', displayName: '王建国', roles, memberships: [] })

const answers: Record<string, unknown> = {
  'auth.me': meWith(['SECRETARY']),
  'stats.summary': SUMMARY,
  'need.list': OVERDUE,
}

/** A client answering from `answers`, recording each call's path. */
const standInClient = (paths: string[]) => {
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        paths.push(op.path)
        observer.next({ result: { type: 'data', data: answers[op.path] } })
        observer.complete()
      })
  return createTRPCClient<AppRouter>({ links: [link] })
}

const signIn = (roles: Role[]) =>
  saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id: 'u1', roles } })

const Persona = () => <>{useMe().persona ?? ''}</>

beforeEach(() => localStorage.clear())

describe('launch prefetch', () => {
  it('asks for auth.me and, opening on the 工作台, for the dashboard the page will read', async () => {
    signIn(['SECRETARY'])
    const paths: string[] = []
    const client = standInClient(paths)
    const queryClient = makeQueryClient()
    prefetchForLaunch(queryClient, { client, path: '' })
    const dashboard = staffDashboardQueries(createTRPCOptionsProxy<AppRouter>({ client, queryClient }))
    await waitFor(() => expect(queryClient.getQueryData(dashboard.summary.queryKey)).toEqual(SUMMARY))
    expect(queryClient.getQueryData(dashboard.overdueNeeds.queryKey)).toEqual(OVERDUE)
    expect(paths.sort()).toEqual(['auth.me', 'need.list', 'stats.summary'])
  })

  it('asks only for auth.me on another page, or for a persona without a dashboard', async () => {
    for (const [roles, path] of [
      [['SECRETARY'], 'pages/mine/index'],
      [['RESIDENT'], 'pages/home/index'],
    ] as const) {
      signIn([...roles])
      const paths: string[] = []
      prefetchForLaunch(makeQueryClient(), { client: standInClient(paths), path })
      await waitFor(() => expect(paths).toEqual(['auth.me']))
    }
  })

  it('leaves 待办 to the page: todo.list and todo.count are not in the launch batch, for any persona', async () => {
    for (const roles of [['ADMIN'], ['SECRETARY'], ['CADRE'], ['MEMBER'], ['RESIDENT']] as const) {
      signIn([...roles])
      const paths: string[] = []
      prefetchForLaunch(makeQueryClient(), { client: standInClient(paths), path: '' })
      await waitFor(() => expect(paths).toContain('auth.me'))
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(paths.filter((p) => p.startsWith('todo.'))).toEqual([])
    }
  })

  it('asks for nothing without a session', async () => {
    const paths: string[] = []
    prefetchForLaunch(makeQueryClient(), { client: standInClient(paths), path: '' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(paths).toEqual([])
  })

  it('keeps the persona auth.me reports in the session, for the next launch', async () => {
    signIn(['SECRETARY'])
    const { findByText } = renderWithApi(<Persona />, ({ path }) => ({
      data: path === 'auth.me' ? meWith(['CADRE']) : null,
    }))
    await findByText('CADRE')
    await waitFor(() => expect(readSession()?.persona).toBe('CADRE'))
    expect(readSession()?.userId).toBe('u1')
  })
})
