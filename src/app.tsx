// The app: polyfills first, then the API client and React Query for every page.
import './lib/abort-controller-polyfill'
import './lib/h5-no-javascript-urls'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
import { QueryClientProvider } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import { type PropsWithChildren, useEffect, useState } from 'react'
import { dropUpdatesToClosedPages } from './lib/closed-page-updates'
import { appCodeOf, isUnauthorized } from './lib/errors'
import { prefetchForLaunch } from './lib/launch-prefetch'
import { keepOfflineCache, restoreOfflineCache } from './lib/offline-cache'
import { createAppQueue, runAppQueue } from './lib/offline-queue/app-queue'
import { OfflineQueueProvider } from './lib/offline-queue/context'
import { affectedRouters, routerQueryKey } from './lib/offline-queue/invalidation'
import { registerOfflineShell } from './lib/offline-shell'
import { reLaunchOnce } from './lib/relaunch'
import { routes } from './lib/routes'
import { clearSession } from './lib/session'
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc'
import { listenForWeChatPrivacy } from './lib/wechat-privacy'

listenForWeChatPrivacy()
dropUpdatesToClosedPages()

const currentRoute = () => {
  const pages = Taro.getCurrentPages()
  return pages[pages.length - 1]?.route ?? ''
}

/**
 * An expired or revoked session anywhere sends the person back to 登录; a one-time password (reset
 * while they were signed in) to 修改密码; a privacy notice that changed while they were signed in,
 * to read the new one.
 */
const onApiError = (error: unknown) => {
  if (appCodeOf(error) === 'PASSWORD_CHANGE_REQUIRED') {
    if (!currentRoute().includes('change-password')) reLaunchOnce(routes.changePassword)
    return
  }
  if (appCodeOf(error) === 'PRIVACY_CONSENT_REQUIRED') {
    if (!currentRoute().includes('privacy')) reLaunchOnce(routes.privacy)
    return
  }
  if (!isUnauthorized(error)) return
  clearSession()
  if (!currentRoute().includes('login')) void Taro.reLaunch({ url: routes.login })
}

// One API client and one cache for the app's whole life, made as the app's code loads: the first
// screen's requests leave before React has rendered anything (launch-prefetch.ts).
const trpcClient = makeTrpcClient()
const queryClient = makeQueryClient(onApiError)
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
