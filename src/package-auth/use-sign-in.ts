// What happens once the server has answered a new session (登录, or 使用邀请码, which answers as a
// login does): the session is kept, whatever this account saved before it last signed out is sent,
// the cache of the previous person goes, and the app opens where the person must go first, once
// the page has rendered the outcome (use-leave-page.ts: no setData reaches a page already closed).
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Role } from '../../common/enums'
import { useOptionalOfflineQueue } from '../lib/offline-queue/context'
import { routes } from '../lib/routes'
import { saveSession } from '../lib/session'
import { useTRPC } from '../lib/trpc'
import { useLeavePage } from '../lib/use-leave-page'

export type NewSession = {
  token: string
  expiresAt: Date
  user: { id: string; roles: readonly Role[]; mustChangePassword: boolean; privacy: { agreedAt: Date | null } }
}

/** Where a person goes after signing in: 修改密码 on a one-time password, then the privacy notice, then 工作台. */
export const firstPageFor = (user: NewSession['user']): string =>
  user.mustChangePassword ? routes.changePassword : user.privacy.agreedAt ? routes.home : routes.privacy

export const useSignIn = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const queue = useOptionalOfflineQueue()
  const [next, setNext] = useState<string>()
  useLeavePage(next)
  return (session: NewSession) => {
    saveSession(session)
    void queue?.sync()
    queryClient.clear()
    queryClient.setQueryData(trpc.auth.me.queryKey(), session.user as never)
    setNext(firstPageFor(session.user))
  }
}
