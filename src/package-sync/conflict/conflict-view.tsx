// 处理冲突: an edit made offline, refused because the record changed on the server in
// the meantime (VERSION_CONFLICT). Each field that differs is shown both ways, 我的修改 and 服务器上
// 的版本; the person picks one per field (their own by default), and 保存合并结果 puts the merge,
// at the server's current version, back in the queue where the edit was. Nothing is lost: until
// they save or give it up, the edit stays in 待同步.
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { userMessage } from '../../lib/errors'
import { useOfflineQueue, useOfflineQueueState } from '../../lib/offline-queue/context'
import { actionLabel, itemSummary } from '../../lib/offline-queue/labels'
import type { QueueItem } from '../../lib/offline-queue/types'
import { toast } from '../../lib/toast'
import { chooseAll, diffFields, mergeFields, type Side } from './field-diff'
import { formatValue } from './format-value'
import { type ConflictRouter, conflictRouterOf, RECORD_SPECS, type ServerRecord } from './record-specs'
import { useServerRecord } from './use-server-record'
import './conflict.scss'

const SIDES: { side: Side; title: string }[] = [
  { side: 'mine', title: '我的修改' },
  { side: 'server', title: '服务器上的版本' },
]

const back = () => void Taro.navigateBack().catch(() => undefined)

/** The page's content, apart from PageShell (its sign-in guard needs Taro's page lifecycle). */
export const ConflictView = ({ itemId }: { itemId: string }) => {
  const snapshot = useOfflineQueueState()
  const item = snapshot?.items.find((i) => i.id === itemId)
  const router = item ? conflictRouterOf(item.procedure) : null
  const recordId = typeof item?.input.id === 'string' ? item.input.id : null
  if (item?.state !== 'failed' || !router || !recordId) {
    return (
      <View className="section">
        <View className="muted">这条修改已处理（已同步或已放弃），不需要再合并。</View>
        <Button block onClick={back}>
          返回
        </Button>
      </View>
    )
  }
  return <Merge item={item} router={router} recordId={recordId} />
}

const Merge = ({ item, router, recordId }: { item: QueueItem; router: ConflictRouter; recordId: string }) => {
  const queue = useOfflineQueue()
  const server = useServerRecord(router, recordId)
  const [choices, setChoices] = useState<Record<string, Side>>({})

  const discard = () =>
    void Taro.showModal({
      title: '放弃我的修改？',
      content: `「${actionLabel(item)}」的这次修改将不再提交，手机上也不再保留；服务器上的版本保持不变。`,
      confirmText: '放弃',
      confirmColor: '#c8161d',
      cancelText: '保留',
    }).then(({ confirm }) => {
      if (!confirm) return
      if (queue.discard(item.id)) back()
      else toast('正在同步这条记录，请稍后再试')
    })

  const save = (record: ServerRecord) => {
    // The merge is queued at once; sending it is the queue's business (it may be offline now).
    void queue.resolve(item.id, mergeFields(item.input, record.values, choices, record.version))
    toast('已保存合并结果，等待同步')
    back()
  }

  const header = (
    <View className="section">
      <View className="section__title">
        {actionLabel(item)} {itemSummary(item)}
      </View>
      <View className="muted">
        这条记录在您离线修改后，已被其他人修改并保存。请逐项选择保留哪个版本，保存后重新同步。
      </View>
    </View>
  )
  const giveUp = (
    <View className="actions">
      <Button size="small" fill="outline" onClick={discard}>
        放弃我的修改
      </Button>
    </View>
  )

  if (!server.data) {
    return (
      <>
        {header}
        <View className="section">
          {server.error ? (
            <>
              <View className="form-field__error">{userMessage(server.error)}</View>
              <Button size="small" type="primary" onClick={() => void server.refetch()}>
                重新加载
              </Button>
            </>
          ) : (
            <View className="muted">正在读取服务器上的版本…</View>
          )}
        </View>
        {giveUp}
      </>
    )
  }

  const record = server.data
  const spec = RECORD_SPECS[router]
  const diffs = diffFields(item.input, record.values)
  const shown = (key: string, side: Side, value: unknown) =>
    side === 'server' && value === undefined
      ? (record.masked[key] ?? '（不显示，选择后保持服务器上的内容）')
      : formatValue(key, value, { codes: spec.codes[key], names: record.names })

  return (
    <>
      {header}
      <View className="section">
        <View className="muted">
          {diffs.length ? `有 ${diffs.length} 项不同` : '两个版本的内容已一致，保存后按服务器上的最新版本重新同步。'}
        </View>
        {diffs.length ? (
          <View className="actions">
            <Button size="small" onClick={() => setChoices(chooseAll(diffs, 'mine'))}>
              全部用我的
            </Button>
            <Button size="small" onClick={() => setChoices(chooseAll(diffs, 'server'))}>
              全部用服务器的
            </Button>
          </View>
        ) : null}
      </View>
      {diffs.map((diff) => {
        const chosen = choices[diff.key] ?? 'mine'
        return (
          <View key={diff.key} className="section" data-testid="conflict-field" data-field={diff.key}>
            <View className="section__title">{spec.labels[diff.key] ?? diff.key}</View>
            {SIDES.map(({ side, title }) => (
              <View
                key={side}
                className={`conflict-choice ${chosen === side ? 'conflict-choice--on' : ''}`}
                data-testid={`choose-${side}`}
                onClick={() => setChoices((current) => ({ ...current, [diff.key]: side }))}
              >
                <View className="muted">
                  {title}
                  {chosen === side ? ' · 已选' : ''}
                </View>
                <View>{shown(diff.key, side, side === 'mine' ? diff.mine : diff.server)}</View>
              </View>
            ))}
          </View>
        )
      })}
      <View className="section">
        <Button type="primary" block onClick={() => save(record)}>
          保存合并结果
        </Button>
      </View>
      {giveUp}
    </>
  )
}
