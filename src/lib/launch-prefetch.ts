// At launch, the first screen's data is asked for while the page's own code is still loading:
// who is signed in (auth.me, which every page waits for) and, when the app opens on the 工作台,
// the dashboard of the persona the session was last arranged for. Without this the requests wait
// for the page chunk, then for auth.me's answer, then for a render: three steps in a row on a slow
// phone (docs/benchmarks.md, H5 load). A stale persona (roles changed since) costs an unused query.
import type { QueryClient } from '@tanstack/react-query'
import type { TRPCClient } from '@trpc/client'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { staffDashboardQueries } from './dashboard-queries'
import { launchBatch } from './launch-batch'
import { launchPath } from './launch-path'
import { launchFetch } from './launch-replay'
import { isStaff } from './roles'
import { routes } from './routes'
import { readSession } from './session'
import type { taroFetch } from './taro-fetch'
import { type AppRouter, makeTrpcClient } from './trpc'
import { meQueryOptions } from './use-me'

/** Pages that open on the 工作台: its own path, or none (the first page). */
const opensOnHome = (path: string) => path === '' || `/${path}` === routes.home

/**
 * `client`: by default one that sends each call at once (makeTrpcClient's isImmediate), all of
 * the launch's calls in one request (launch-batch.ts), through `fetch` (the target's launchFetch
 * by default); tests pass their own.
 */
export const prefetchForLaunch = (
  queryClient: QueryClient,
  {
    client,
    path = launchPath(),
    fetch,
  }: { client?: TRPCClient<AppRouter>; path?: string; fetch?: typeof taroFetch } = {},
): void => {
  const session = readSession()
  if (!session) return
  const withDashboard = opensOnHome(path) && session.persona !== undefined && isStaff(session.persona)
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client:
      client ??
      makeTrpcClient({
        isImmediate: true,
        fetch: launchBatch(fetch ?? launchFetch(path), withDashboard ? 3 : 1),
      }),
    queryClient,
  })
  void queryClient.prefetchQuery(meQueryOptions(trpc))
  if (withDashboard) {
    const { summary, overdueNeeds } = staffDashboardQueries(trpc)
    void queryClient.prefetchQuery(summary)
    void queryClient.prefetchQuery(overdueNeeds)
  }
}
