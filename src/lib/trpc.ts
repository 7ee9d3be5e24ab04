// The API client: tRPC over Taro.request (wx.request on weapp, fetch on H5), with the session's
// bearer token, and the React Query bindings every page uses.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client'
import { createTRPCContext } from '@trpc/tanstack-react-query'
import { wireFormat } from '../../common/wire-format'
import type { AppRouter } from './api-types'
import { isRetryable } from './errors'
import { readSession } from './session'
import { taroFetch } from './taro-fetch'

/** '' on H5 (served by our own server: relative /trpc); an absolute origin on weapp. */
export const API_BASE_URL: string = process.env.API_BASE_URL ?? ''

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>()

/** @param onError called for every failed query and mutation (e.g. to send 401s to 登录). */
export const makeQueryClient = (onError: (error: unknown) => void = () => {}): QueryClient =>
  new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
      },
    },
  })

const linkOptions = {
  url: `${API_BASE_URL}/trpc`,
  transformer: wireFormat,
  fetch: taroFetch as unknown as typeof fetch,
  // Queries carry personal data (a search by ID number), which must not sit in URLs, where
  // proxies, access logs and browser history keep them: everything goes in a POST body.
  methodOverride: 'POST',
  headers: (): Record<string, string> => {
    const session = readSession()
    return session ? { authorization: `Bearer ${session.token}` } : {}
  },
} as const

/**
 * The app's client batches the calls made together into one request, sent on the next turn of
 * the event loop. `isImmediate`: each call handed to `fetch` at once, for the launch's first
 * requests (launch-prefetch.ts), which would otherwise wait behind the page's code loading; the
 * launch's fetch then sends its calls as one batch itself (launch-batch.ts).
 */
export const makeTrpcClient = ({
  isImmediate = false,
  fetch = taroFetch,
}: {
  isImmediate?: boolean
  /** In place of taroFetch (launch-replay.h5.ts). */
  fetch?: typeof taroFetch
} = {}) =>
  createTRPCClient<AppRouter>({
    links: [
      isImmediate
        ? httpLink({ ...linkOptions, fetch: fetch as unknown as typeof globalThis.fetch })
        : // The server refuses batches of more than TRPC_MAX_BATCH (20) calls.
          httpBatchLink({ ...linkOptions, maxItems: 10 }),
    ],
  })

export type { AppRouter }
