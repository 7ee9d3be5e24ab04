// Every page's root: applies 长辈模式, sends visitors without a session to 登录, and people who
// have not agreed to the privacy notice in force to read it first.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderMode } from '../../lib/elder-mode'
import { type PageAccess, useRequireAccess } from '../../lib/use-me'

type Props = PropsWithChildren<{ className?: string; access?: PageAccess }>

const Guard = ({ access }: { access: PageAccess }) => {
  useRequireAccess(access)
  return null
}

export const PageShell = ({ children, className, access = 'agreed' }: Props) => {
  const isElder = useElderMode()
  return (
    <View className={['page', isElder ? 'elder' : '', className ?? ''].join(' ').trim()}>
      {access === 'public' ? null : <Guard access={access} />}
      {children}
    </View>
  )
}
