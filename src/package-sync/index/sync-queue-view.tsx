// 待同步: what this phone has saved but the server does not have yet. Each item shows
// where it stands: waiting, being sent, waiting on a failed one, or refused with the server's
// reason and 重试 / 放弃 (处理冲突 instead of 重试 for an edit that met a newer version). 立即同步
// sends now; the last successful sync is shown.
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatShanghaiDateTime } from '../../../common/dates'
import { useOfflineQueue, useOfflineQueueState } from '../../lib/offline-queue/context'
import { actionLabel, itemSummary } from '../../lib/offline-queue/labels'
import type { QueueItem, QueueSnapshot } from '../../lib/offline-queue/types'
import { inputText } from '../../lib/offline-queue/use-unsynced'
import { useHouseholdLabel, useOrgNames } from '../../lib/pickers/use-names'
import { routes } from '../../lib/routes'
import { conflictRouterOf } from '../conflict/record-specs'

/**
 * Refused because the record changed on the server since: retrying cannot help, the person merges
 * the two versions on 处理冲突.
 */
const isConflict = (item: QueueItem) =>
  item.error?.code === 'VERSION_CONFLICT' && conflictRouterOf(item.procedure) !== null

const stateOf = (item: QueueItem, snapshot: QueueSnapshot): string => {
  if (item.id === snapshot.syncingId) return '正在同步…'
  if (item.state === 'failed') return '同步失败'
  if (snapshot.blockedBy[item.id]) return '等待前一条记录处理'
  if (item.error) return `等待重试（第 ${item.attempts} 次未成功）`
  return '等待同步'
}

/** Which record: its summary with the household's and the donor's names, and when it was saved. */
const ItemLine = ({ item, donor }: { item: QueueItem; donor: string | null }) => {
  const householdId = item.input.target === 'CADRE' ? null : inputText(item.input, 'householdId') || null
  const household = useHouseholdLabel(inputText(item.input, 'villageId'), householdId)
  return (
    <View className="muted">
      {itemSummary(item, { household, donor })} · 保存于 {formatShanghaiDateTime(new Date(item.createdAt))}
    </View>
  )
}

/** The page's content, apart from PageShell (its sign-in guard needs Taro's page lifecycle). */
export const SyncQueueView = () => {
  const queue = useOfflineQueue()
  const snapshot = useOfflineQueueState()
  const donorNames = useOrgNames(
    (snapshot?.items ?? []).map((item) => inputText(item.input, 'donorOrgId')).filter(Boolean),
  )
  if (!snapshot) return null
  const dependentsOf = (id: string) => Object.values(snapshot.blockedBy).filter((blocker) => blocker === id).length

  const discard = (item: QueueItem) => {
    const dependents = dependentsOf(item.id)
    void Taro.showModal({
      title: '放弃这条记录？',
      content: `「${actionLabel(item)}」将不再提交，手机上也不再保留。${
        dependents ? `依赖它的 ${dependents} 条记录将无法同步。` : ''
      }`,
      confirmText: '放弃',
      confirmColor: '#c8161d',
      cancelText: '保留',
    }).then(({ confirm }) => {
      if (confirm) queue.discard(item.id)
    })
  }

  return (
    <>
      <View className="section">
        <View className="section__title">
          {snapshot.pendingCount || snapshot.failedCount
            ? `${snapshot.pendingCount} 条待同步${snapshot.failedCount ? `，${snapshot.failedCount} 条失败` : ''}`
            : '全部已同步'}
        </View>
        <View className="muted" data-testid="last-synced">
          {snapshot.lastSyncedAt
            ? `上次同步：${formatShanghaiDateTime(new Date(snapshot.lastSyncedAt))}`
            : '本机尚未同步过'}
          {snapshot.isOnline ? '' : ' · 当前无网络'}
        </View>
        <Button
          type="primary"
          block
          disabled={!snapshot.isOnline || snapshot.items.length === 0}
          loading={snapshot.syncingId !== null}
          onClick={() => void queue.sync({ force: true })}
        >
          立即同步
        </Button>
      </View>
      {snapshot.items.map((item) => (
        <View key={item.id} className="section" data-testid="sync-item">
          <View className="row">
            <View>{actionLabel(item)}</View>
            <View className={item.state === 'failed' ? 'form-field__error' : 'muted'}>{stateOf(item, snapshot)}</View>
          </View>
          <ItemLine item={item} donor={donorNames.get(inputText(item.input, 'donorOrgId')) ?? null} />
          {item.state === 'failed' && item.error ? (
            <View className="form-field__error">{item.error.message}</View>
          ) : null}
          {item.state === 'failed' ? (
            <View className="actions">
              {isConflict(item) ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => void Taro.navigateTo({ url: routes.syncConflict(item.id) })}
                >
                  处理冲突
                </Button>
              ) : (
                <Button size="small" type="primary" onClick={() => void queue.retry(item.id)}>
                  重试
                </Button>
              )}
              <Button size="small" fill="outline" onClick={() => discard(item)}>
                放弃
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </>
  )
}
