// The app: polyfills first, then the API client and React Query for every page.
import './lib/abort-controller-polyfill'
import './lib/h5-no-javascript-urls'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'
import { QueryClientProvider } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import { type PropsWithChildren, useState } from 'react'
import { isUnauthorized } from './lib/errors'
import { routes } from './lib/routes'
import { clearSession } from './lib/session'
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc'
import { listenForWeChatPrivacy } from './lib/wechat-privacy'

listenForWeChatPrivacy()

/** An expired or revoked session anywhere sends the person back to 登录. */
const onApiError = (error: unknown) => {
  if (!isUnauthorized(error)) return
  clearSession()
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (!current.includes('login')) void Taro.reLaunch({ url: routes.login })
}

const App = ({ children }: PropsWithChildren) => {
  const [queryClient] = useState(() => makeQueryClient(onApiError))
  const [trpcClient] = useState(makeTrpcClient)
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  )
}

export default App
