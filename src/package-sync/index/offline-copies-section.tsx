// 离线名单: what the pickers can search on this phone with no signal, village by village, and the
// orgs; when the person works in more villages than are kept, which ones are, and how to keep
// another (open its households in a form while online).
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { formatShanghaiDateTime } from '../../../common/dates'
import { copiesSummary, useCopiesVersion } from '../../lib/pickers/offline-copies'
import { MAX_VILLAGES } from '../../lib/pickers/refresh-copies'
import { useTRPC } from '../../lib/trpc'

export const OfflineCopiesSection = () => {
  const trpc = useTRPC()
  useCopiesVersion()
  const villages = useQuery(trpc.village.list.queryOptions())
  const summary = copiesSummary()
  const nameOf = (id: string) => {
    if (!villages.data) return '…'
    const village = villages.data.find((v) => v.id === id)
    return village ? `${village.township}${village.name}` : '（已不在您的范围内）'
  }
  const reached = villages.data?.length ?? 0
  return (
    <View className="section" data-testid="offline-copies">
      <View className="section__title">离线名单（无网络时可搜索）</View>
      <View className="section__body">
        {summary.villages.length ? (
          summary.villages.map((v) => (
            <View key={v.villageId}>
              {`${nameOf(v.villageId)}：困难户 ${v.count} 户（${formatShanghaiDateTime(new Date(v.savedAt))} 更新）`}
            </View>
          ))
        ) : (
          <View>还没有保存困难户名单：联网时打开工作台即会保存。</View>
        )}
        {reached > MAX_VILLAGES ? (
          <View className="muted">
            {`您的范围内有 ${reached} 个村，本机只保存最近打开的 ${MAX_VILLAGES} 个村的困难户名单；联网时在走访或捐赠中打开某村的困难户，即保存该村。`}
          </View>
        ) : null}
        <View>
          {summary.orgs
            ? `组织：${summary.orgs.count} 个（${formatShanghaiDateTime(new Date(summary.orgs.savedAt))} 更新）`
            : '还没有保存组织名单'}
        </View>
      </View>
    </View>
  )
}
