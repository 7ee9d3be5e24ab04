// A resident follows their need: its status and every step taken on it.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { NEED_CATEGORY_LABELS } from '../../../common/enums'
import { ListState } from '../../components/ListState'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { PageShell } from '../../components/PageShell'
import { Timeline } from '../../components/Timeline'
import { useTRPC } from '../../lib/trpc'

export default function MyNeedDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const need = useQuery(trpc.resident.myNeedById.queryOptions({ id: params.id ?? '' }))
  usePullDownRefresh(() => void need.refetch().finally(() => Taro.stopPullDownRefresh()))
  useDidShow(() => void need.refetch())
  const n = need.data
  if (!n) {
    return (
      <PageShell>
        <ListState
          isLoading={need.isLoading}
          error={need.error}
          isEmpty={false}
          emptyText=""
          onRetry={() => void need.refetch()}
        />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className="section">
        <View className="section__title">{n.description}</View>
        <Cell title="办理状态" extra={<NeedStatusTag status={n.status} />} />
        <Cell title="类别" extra={NEED_CATEGORY_LABELS[n.category]} />
        {n.responsibleUnit ? <Cell title="责任单位" extra={n.responsibleUnit} /> : null}
      </View>
      <View className="section">
        <View className="section__title">办理过程</View>
        <Timeline events={n.timeline} />
      </View>
    </PageShell>
  )
}
