// 我最近的登记 on the 工作台: the last records the person saved on this phone, the newest first,
// each opening its record (or 待同步 while it waits there); nothing until there is one.
import { Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { formatShanghaiDateTime } from '../../../common/dates'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { type RecentRecord, recentRecords, recordPage } from '../../lib/recent-records'

export const RecentRecords = () => {
  const [records, setRecords] = useState<RecentRecord[]>(recentRecords)
  useDidShow(() => setRecords(recentRecords()))
  const queue = useOfflineQueueState()
  if (!records.length) return null
  const queuedIds = new Set((queue?.items ?? []).map((item) => item.input.id))
  return (
    <View className="section" data-testid="recent-records">
      <View className="section__title row home__chart-title">
        <Text>我最近的登记</Text>
      </View>
      {records.map((record) => {
        const isQueued = queuedIds.has(record.id)
        return (
          <Cell
            key={record.id}
            title={record.label}
            description={`保存于 ${formatShanghaiDateTime(new Date(record.savedAt))}`}
            extra={<Text className="muted">{isQueued ? '待同步' : '已保存'}</Text>}
            onClick={() => void Taro.navigateTo({ url: recordPage(record, isQueued) })}
          />
        )
      })}
    </View>
  )
}
