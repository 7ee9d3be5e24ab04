// The app: polyfills first, then the API client and React Query for every page.
import './lib/abort-controller-polyfill'
import './lib/h5-no-javascript-urls'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
import { QueryClientProvider } from '@tanstack/react-query'
import { type PropsWithChildren, useEffect, useState } from 'react'
import { followApiRefusal } from './lib/api-refusal'
import { dropUpdatesToClosedPages } from './lib/closed-page-updates'
import { prefetchForLaunch } from './lib/launch-prefetch'
import { keepOfflineCache, restoreOfflineCache } from './lib/offline-cache'
import { createAppQueue, runAppQueue } from './lib/offline-queue/app-queue'
import { OfflineQueueProvider } from './lib/offline-queue/context'
import { affectedRouters, routerQueryKey } from './lib/offline-queue/invalidation'
import { registerOfflineShell } from './lib/offline-shell'
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc'
import { listenForWeChatPrivacy } from './lib/wechat-privacy'

listenForWeChatPrivacy()
dropUpdatesToClosedPages()

// One API client and one cache for the app's whole life, made as the app's code loads: the first
// screen's requests leave before React has rendered anything (launch-prefetch.ts).
const trpcClient = makeTrpcClient()
const queryClient = makeQueryClient(followApiRefusal)
restoreOfflineCache(queryClient)
prefetchForLaunch(queryClient)

const App = ({ children }: PropsWithChildren) => {
  // Every write goes through the offline queue; what it records refreshes the lists.
  const [queue] = useState(() =>
    createAppQueue(trpcClient, (item) => {
      for (const router of affectedRouters(item.procedure)) {
        void queryClient.invalidateQueries({ queryKey: routerQueryKey(router) })
      }
    }),
  )
  useEffect(() => runAppQueue(queue), [queue])
  useEffect(() => keepOfflineCache(queryClient), [])
  useEffect(() => registerOfflineShell(queryClient), [])
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <OfflineQueueProvider queue={queue}>{children}</OfflineQueueProvider>
      </TRPCProvider>
    </QueryClientProvider>
  )
}

export default App
