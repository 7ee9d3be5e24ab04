// Every page's root: applies 长辈模式, and sends visitors without a session to 登录.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderMode } from '../../lib/elder-mode'
import { useRequireLogin } from '../../lib/use-me'

type Props = PropsWithChildren<{ className?: string; isPublic?: boolean }>

const Guard = () => {
  useRequireLogin()
  return null
}

export const PageShell = ({ children, className, isPublic = false }: Props) => {
  const isElder = useElderMode()
  return (
    <View className={['page', isElder ? 'elder' : '', className ?? ''].join(' ').trim()}>
      {isPublic ? null : <Guard />}
      {children}
    </View>
  )
}
