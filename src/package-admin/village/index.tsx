// One village in 村与结对: its 行政区划, its pairings (结对帮扶) and its 驻村 posts, current and
// ended, and its households. An administrator edits it, pairs it with an org, posts a 驻村干部
// there, and ends a pairing or a post on a day; ended ones stay as history, and the records made
// meanwhile stay where they are.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { DetailShell } from '../../components/DetailShell'
import { NavButton } from '../../components/NavButton'
import type { RouterOutputs } from '../../lib/api-types'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { EndPeriod } from '../parts/EndPeriod'
import { periodText } from '../parts/period'

type VillageDetail = RouterOutputs['village']['byId']

const currentTag = (isCurrent: boolean, label: string) =>
  isCurrent ? <Tag type="success">{label}</Tag> : <Tag type="default">已结束</Tag>

const VillageView = ({ village }: { village: VillageDetail }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  // The row whose end is being entered: a pairing's or a post's id.
  const [endingId, setEndingId] = useState<string | null>(null)
  const endPairing = useMutation(trpc.village.endPairing.mutationOptions())
  const endPost = useMutation(trpc.user.endPost.mutationOptions())
  const refresh = () => {
    setEndingId(null)
    void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() })
  }
  const { canManage } = village
  return (
    <>
      <View className="section">
        <View className="section__title">{`${village.township}${village.name}`}</View>
        <Cell title="所属县（区）" extra={village.county} />
        <Cell title="所属乡（镇）" extra={village.township} />
        <Cell title="行政区划代码" extra={village.adminCode} />
        <Cell
          title="困难户"
          extra={`${village.householdCounts.total} 户`}
          description={`监测中 ${village.householdCounts.monitoring} 户${village.householdCounts.anonymised ? `，已过保存期限 ${village.householdCounts.anonymised} 户` : ''}`}
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
      <View className="section" data-testid="village-pairings">
        <View className="section__title">结对帮扶</View>
        {village.pairings.length ? null : <View className="section__body muted">还没有组织与这个村结对</View>}
        {village.pairings.map((p) => (
          <View key={p.id}>
            <Cell
              title={`${p.org.name}${p.org.isClosed ? '（已撤销）' : ''}`}
              description={periodText(p)}
              extra={
                <View className="list-extra">
                  {currentTag(p.isCurrent, '结对中')}
                  {canManage && p.isCurrent && endingId !== p.id ? (
                    <Button size="small" onClick={() => setEndingId(p.id)}>
                      结束结对
                    </Button>
                  ) : null}
                </View>
              }
            />
            {endingId === p.id ? (
              <EndPeriod
                label="结对结束日期"
                hint="从这一天起，该组织不再联系这个村；结对期间的活动、走访和捐赠记录保持不变"
                confirmText="确认结束结对"
                testId="pairing-endedOn"
                send={(input) => endPairing.mutateAsync({ ...input, id: p.id })}
                onDone={() => {
                  toast('结对已结束')
                  refresh()
                }}
                onCancel={() => setEndingId(null)}
              />
            ) : null}
          </View>
        ))}
      </View>
      <View className="section" data-testid="village-posts">
        <View className="section__title">驻村干部</View>
        {village.posts.length ? null : <View className="section__body muted">还没有派驻驻村干部</View>}
        {village.posts.map((p) => (
          <View key={p.id}>
            <Cell
              title={`${p.user.displayName}（${p.post}）${p.user.isActive ? '' : '（账号已停用）'}`}
              description={periodText(p)}
              extra={
                <View className="list-extra">
                  {currentTag(p.isCurrent, '在岗')}
                  {canManage && p.isCurrent && endingId !== p.id ? (
                    <Button size="small" onClick={() => setEndingId(p.id)}>
                      结束岗位
                    </Button>
                  ) : null}
                </View>
              }
            />
            {endingId === p.id ? (
              <EndPeriod
                label="岗位结束日期"
                hint="如驻村期满交接；驻村期间的记录保持不变"
                confirmText="确认结束岗位"
                testId="post-endedOn"
                send={(input) => endPost.mutateAsync({ ...input, id: p.id })}
                onDone={() => {
                  toast('岗位已结束')
                  refresh()
                }}
                onCancel={() => setEndingId(null)}
              />
            ) : null}
          </View>
        ))}
      </View>
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
