// Who is signed in, from auth.me (cached for the whole app). Pages that need a login send a
// person without a session to 登录, and one who has not agreed to the privacy notice in force to
// 个人信息保护说明.
import { useQuery } from '@tanstack/react-query'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { personaOf } from './roles'
import { routes } from './routes'
import { readSession, saveSession } from './session'
import { useTRPC } from './trpc'

export const useMe = () => {
  const trpc = useTRPC()
  const query = useQuery({ ...trpc.auth.me.queryOptions(), enabled: Boolean(readSession()), staleTime: 5 * 60_000 })
  const userId = query.data?.id
  useEffect(() => {
    // A session saved before sessions kept their user: the offline queue needs to know whose it is.
    const session = readSession()
    if (userId && session && !session.userId) saveSession({ ...session, user: { id: userId } })
  }, [userId])
  return { ...query, persona: query.data ? personaOf(query.data.roles) : undefined }
}

/** public: anyone (登录); signedIn: a session (the privacy notice itself); agreed: both. */
export type PageAccess = 'public' | 'signedIn' | 'agreed'

/**
 * Sends people where they must go first, and says whether the page may show (and so fetch) its
 * content: a resident's own data is refused by the server until they have agreed.
 */
export const useRequireAccess = (access: Exclude<PageAccess, 'public'>): boolean => {
  const { data: me, isError, fetchStatus } = useMe()
  useDidShow(() => {
    if (!readSession()) void Taro.reLaunch({ url: routes.login })
  })
  const mustAgree = access === 'agreed' && me !== undefined && me.privacy.agreedAt === null
  useEffect(() => {
    if (mustAgree) void Taro.reLaunch({ url: routes.privacy })
  }, [mustAgree])
  if (access === 'signedIn') return Boolean(readSession())
  // Without an answer about the person (it failed, or waits for the network), the page shows and
  // explains its own state: an offline form must still open.
  return me === undefined ? isError || fetchStatus === 'paused' : !mustAgree
}
