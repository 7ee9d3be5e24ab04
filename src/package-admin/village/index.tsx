// One village in 村与结对: its 行政区划, its pairings (结对帮扶) and its 驻村 posts, current and
// ended, and its households. An administrator edits it, pairs it with an org, posts a 驻村干部
// there, and ends a pairing or a post on a day; ended ones stay as history, and the records made
// meanwhile stay where they are.
import { Cell } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { DetailShell } from '../../components/DetailShell'
import { NavButton } from '../../components/NavButton'
import type { RouterOutputs } from '../../lib/api-types'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { PeriodSection } from '../parts/PeriodSection'

type VillageDetail = RouterOutputs['village']['byId']

const VillageView = ({ village }: { village: VillageDetail }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const endPairing = useMutation(trpc.village.endPairing.mutationOptions())
  const endPost = useMutation(trpc.user.endPost.mutationOptions())
  const ended = (doneText: string) => {
    toast(doneText)
    void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() })
  }
  const { canManage, householdCounts: households } = village
  return (
    <>
      <View className="section">
        <View className="section__title">{`${village.township}${village.name}`}</View>
        <Cell title="所属县（区）" extra={village.county} />
        <Cell title="所属乡（镇）" extra={village.township} />
        <Cell title="行政区划代码" extra={village.adminCode} />
        <Cell
          title="困难户"
          extra={`${households.total} 户`}
          description={`监测中 ${households.monitoring} 户${households.anonymised ? `，已过保存期限 ${households.anonymised} 户` : ''}`}
        />
      </View>
      {canManage ? (
        <View className="actions">
          <NavButton url={routes.villagePair(village.id)} type="primary" size="small">
            新增结对
          </NavButton>
          <NavButton url={routes.villagePost(village.id)} size="small">
            派驻驻村干部
          </NavButton>
          <NavButton url={routes.villageForm(village.id)} size="small">
            修改村信息
          </NavButton>
        </View>
      ) : null}
      <View className="actions">
        <NavButton url={routes.villageReconciliation(village.id)} size="small">
          捐赠对账与发放签收表
        </NavButton>
      </View>
      <PeriodSection
        title="结对帮扶"
        testId="village-pairings"
        emptyText="还没有组织与这个村结对"
        currentLabel="结对中"
        rows={village.pairings.map((p) => ({ ...p, title: `${p.org.name}${p.org.isClosed ? '（已撤销）' : ''}` }))}
        end={
          canManage
            ? {
                action: '结束结对',
                label: '结对结束日期',
                hint: '从这一天起，该组织不再联系这个村；结对期间的活动、走访和捐赠记录保持不变',
                doneText: '结对已结束',
                send: (id, input) => endPairing.mutateAsync({ ...input, id }),
                onDone: ended,
              }
            : null
        }
      />
      <PeriodSection
        title="驻村干部"
        testId="village-posts"
        emptyText="还没有派驻驻村干部"
        currentLabel="在岗"
        rows={village.posts.map((p) => ({
          ...p,
          title: `${p.user.displayName}（${p.post}）${p.user.isActive ? '' : '（账号已停用）'}`,
        }))}
        end={
          canManage
            ? {
                action: '结束岗位',
                label: '岗位结束日期',
                hint: '如驻村期满交接；驻村期间的记录保持不变',
                doneText: '岗位已结束',
                send: (id, input) => endPost.mutateAsync({ ...input, id }),
                onDone: ended,
              }
            : null
        }
      />
    </>
  )
}

export default function VillageAdminPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const village = useQuery(trpc.village.byId.queryOptions({ id: params.id ?? '' }))
  useRefreshOnPull(village)
  return <DetailShell query={village}>{(data) => <VillageView village={data} />}</DetailShell>
}
