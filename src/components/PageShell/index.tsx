// Every page's root: applies 长辈模式, sends visitors without a session to 登录, and people who
// have not agreed to the privacy notice in force to read it first. The page's content (and its
// queries) waits until the person may see it.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderMode } from '../../lib/elder-mode'
import { useOfflinePrefetch } from '../../lib/offline-cache'
import { type PageAccess, useMe, useRequireAccess } from '../../lib/use-me'
import { SyncBanner } from '../SyncBanner'

/** Residents use no forms offline (their 提交诉求 still queues): nothing to fetch ahead for them. */
const RESIDENT_PERSONAS: ReadonlySet<string> = new Set(['RESIDENT', 'GUEST'])

type Props = PropsWithChildren<{ className?: string; access?: PageAccess }>

/** Shows its children only once the person may see them (sending them elsewhere if not). */
const Guarded = ({ access, children }: PropsWithChildren<{ access: Exclude<PageAccess, 'public'> }>) => {
  const mayShow = useRequireAccess(access)
  const { persona } = useMe()
  useOfflinePrefetch(mayShow && access === 'agreed' && persona !== undefined && !RESIDENT_PERSONAS.has(persona))
  return mayShow ? children : null
}

export const PageShell = ({ children, className, access = 'agreed' }: Props) => {
  const isElder = useElderMode()
  return (
    <View className={['page', isElder ? 'elder' : '', className ?? ''].join(' ').trim()}>
      {access === 'public' ? null : <SyncBanner />}
      {access === 'public' ? children : <Guarded access={access}>{children}</Guarded>}
    </View>
  )
}
