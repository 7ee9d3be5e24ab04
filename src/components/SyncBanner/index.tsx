// A line at the top of every page while records wait on this phone: how many, and
// whether any failed; a tap opens 待同步. Offline, it says so (无网络) even when nothing waits (saving
// still works). Nothing when online and all is synced.
import { Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { routes } from '../../lib/routes'

/** What every page says while the phone has no connection (saving still works). */
export const OFFLINE_TEXT = '无网络，记录会在联网后自动同步'

export const SyncBanner = () => {
  const snapshot = useOfflineQueueState()
  if (!snapshot) return null
  const isIdle = !snapshot.pendingCount && !snapshot.failedCount
  if (isIdle && snapshot.isOnline) return null
  if ((Taro.getCurrentInstance().router?.path ?? '').includes('package-sync')) return null
  const text = isIdle
    ? OFFLINE_TEXT
    : snapshot.failedCount
      ? `${snapshot.failedCount} 条记录同步失败，点此处理`
      : `${snapshot.isOnline ? '' : '无网络，'}${snapshot.pendingCount} 条记录待同步${snapshot.isOnline ? '，正在同步' : '，联网后自动同步'}`
  return (
    <View
      className={`sync-banner${snapshot.failedCount ? ' sync-banner--failed' : ''}`}
      onClick={() => void Taro.navigateTo({ url: routes.sync })}
    >
      {text}
    </View>
  )
}

/** 我的 → 待同步, with the count the tab badge shows. */
export const SyncCell = () => {
  const snapshot = useOfflineQueueState()
  if (!snapshot) return null
  const waiting = snapshot.pendingCount + snapshot.failedCount
  return (
    <Cell
      title="待同步"
      description={snapshot.failedCount ? `${snapshot.failedCount} 条同步失败` : ''}
      extra={waiting ? `${waiting} 条` : '全部已同步'}
      onClick={() => void Taro.navigateTo({ url: routes.sync })}
    />
  )
}
