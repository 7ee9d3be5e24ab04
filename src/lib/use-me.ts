// Who is signed in, from auth.me (cached for the whole app). Pages that need a login send a
// person without a session to 登录.
import { useQuery } from '@tanstack/react-query'
import Taro, { useDidShow } from '@tarojs/taro'
import { personaOf } from './roles'
import { routes } from './routes'
import { readSession } from './session'
import { useTRPC } from './trpc'

export const useMe = () => {
  const trpc = useTRPC()
  const query = useQuery({ ...trpc.auth.me.queryOptions(), enabled: Boolean(readSession()), staleTime: 5 * 60_000 })
  return { ...query, persona: query.data ? personaOf(query.data.roles) : undefined }
}

export const useRequireLogin = () => {
  useDidShow(() => {
    if (!readSession()) void Taro.reLaunch({ url: routes.login })
  })
}
