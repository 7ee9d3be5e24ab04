// Who is signed in, from auth.me (cached for the whole app). Pages that need a login send a
// person without a session to 登录, one still on a one-time password to 修改密码, and one who has
// not agreed to the privacy notice in force to 个人信息保护说明.
import { useQuery } from '@tanstack/react-query'
import { useDidShow } from '@tarojs/taro'
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { useEffect } from 'react'
import { reLaunchOnce } from './relaunch'
import { personaOf } from './roles'
import { routes } from './routes'
import { readSession, saveSession } from './session'
import { type AppRouter, useTRPC } from './trpc'

/** auth.me as every page asks for it (and the launch prefetch, launch-prefetch.ts). */
export const meQueryOptions = (trpc: TRPCOptionsProxy<AppRouter>) =>
  trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000 })

export const useMe = () => {
  const trpc = useTRPC()
  const query = useQuery({ ...meQueryOptions(trpc), enabled: Boolean(readSession()) })
  const persona = query.data ? personaOf(query.data.roles) : undefined
  const userId = query.data?.id
  const roles = query.data?.roles
  useEffect(() => {
    // The session keeps whose it is (the offline queue needs it) and the persona the next launch
    // prefetches for; a session saved before it kept them, or roles changed since, is brought up to date.
    const session = readSession()
    if (userId && roles && session && (session.userId !== userId || session.persona !== persona))
      saveSession({ ...session, user: { id: userId, roles } })
  }, [userId, roles, persona])
  return { ...query, persona }
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
    if (!readSession()) reLaunchOnce(routes.login)
  })
  const mustAgree = access === 'agreed' && me !== undefined && me.privacy.agreedAt === null
  // A one-time password (a new account, a reset) opens nothing but 修改密码 until it is changed.
  const mustChangePassword = access === 'agreed' && me?.mustChangePassword === true
  useEffect(() => {
    if (mustChangePassword) reLaunchOnce(routes.changePassword)
    else if (mustAgree) reLaunchOnce(routes.privacy)
  }, [mustAgree, mustChangePassword])
  if (access === 'signedIn') return Boolean(readSession())
  // Without an answer about the person (it failed, or waits for the network), the page shows and
  // explains its own state: an offline form must still open.
  return me === undefined ? isError || fetchStatus === 'paused' : !mustAgree && !mustChangePassword
}
