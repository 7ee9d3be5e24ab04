// A resident follows their need: its status and every step taken on it.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { NEED_CATEGORY_LABELS } from '../../../common/enums'
import { DetailShell } from '../../components/DetailShell'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { NeedTimelineSection } from '../../components/Timeline'
import { useTRPC } from '../../lib/trpc'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'

export default function MyNeedDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const need = useQuery(trpc.resident.myNeedById.queryOptions({ id: params.id ?? '' }))
  useRefreshOnPull(need)
  useDidShow(() => void need.refetch())
  return (
    <DetailShell query={need}>
      {(n) => (
        <>
          <View className="section">
            <View className="section__title">{n.description}</View>
            <Cell title="办理状态" extra={<NeedStatusTag status={n.status} />} />
            <Cell title="类别" extra={NEED_CATEGORY_LABELS[n.category]} />
            {n.responsibleUnit ? <Cell title="责任单位" extra={n.responsibleUnit} /> : null}
          </View>
          <NeedTimelineSection events={n.timeline} />
        </>
      )}
    </DetailShell>
  )
}
