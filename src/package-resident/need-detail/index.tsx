// A resident follows their need: its status and every step taken on it. Opening it marks its
// changes read, so it leaves their 待办.
import { Cell } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
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
  const queryClient = useQueryClient()
  const markSeen = useMutation(
    trpc.todo.markNeedSeen.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.todo.pathKey() }),
    }),
  )
  const { mutate } = markSeen
  const shownAt = need.dataUpdatedAt
  const needId = need.data?.id
  // Each time the need is (re)loaded the resident has read what it shows. Offline, it is marked
  // on a later visit: the item stays on the list until then, which is no harm.
  useEffect(() => {
    if (needId && shownAt) mutate({ needId })
  }, [needId, shownAt, mutate])
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
