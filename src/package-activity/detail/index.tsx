// A 主题党日's record: who organised it and took part, attendance, the visits and donations of
// the day, and its totals.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatChineseDate } from '../../../common/dates'
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, DONATION_KIND_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { DetailShell } from '../../components/DetailShell'
import { NavButton } from '../../components/NavButton'
import { PageShell } from '../../components/PageShell'
import { PhotoGallery } from '../../components/PhotoGallery'
import { StatTiles } from '../../components/StatTiles'
import { usePendingActivity } from '../../lib/offline-queue/use-pending-activity'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { PendingActivity } from './PendingActivity'
import { QueuedRecords } from './QueuedRecords'

export default function ActivityDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const trpc = useTRPC()
  const { data: me } = useMe()
  const activity = useQuery(trpc.activity.byId.queryOptions({ id }))
  useRefreshOnPull(activity)
  const pending = usePendingActivity(id)
  const canRecord = Boolean(me?.roles.some((r) => r === 'SECRETARY' || r === 'ADMIN'))
  const canVisit = Boolean(me?.roles.some((r) => r !== 'RESIDENT'))
  // Saved on this phone and not yet on the server: built from the queue.
  if (!activity.data && pending) {
    return (
      <PageShell>
        <PendingActivity id={id} pending={pending} canRecord={canRecord} />
      </PageShell>
    )
  }
  return (
    <DetailShell query={activity}>
      {(a) => (
        <>
          <View className="section">
            <View className="section__title">{a.theme}</View>
            <Cell
              title="类型"
              extra={
                <Tag
                  type={a.status === 'PUBLISHED' ? 'success' : 'default'}
                >{`${ACTIVITY_KIND_LABELS[a.kind]} · ${ACTIVITY_STATUS_LABELS[a.status]}`}</Tag>
              }
            />
            <Cell title="时间" extra={formatChineseDate(a.heldOn)} />
            <Cell
              title="地点"
              extra={[a.village ? `${a.village.county}${a.village.township}${a.village.name}` : '', a.place ?? '']
                .filter(Boolean)
                .join(' · ')}
            />
            <Cell title="组织单位" extra={a.organiserOrg.name} />
            <Cell title="参加单位" description={a.orgs.map((o) => o.name).join('、')} extra={`${a.orgs.length} 个`} />
            <Cell title="出席情况" extra={`应到 ${a.expectedCount} 人，实到 ${a.presentCount} 人`} />
            {a.absences.length ? (
              <Cell title="缺席" description={a.absences.map((x) => `${x.name}（${x.reason}）`).join('；')} />
            ) : null}
            {a.summary ? (
              <View className="section__body">
                <Text>{a.summary}</Text>
              </View>
            ) : null}
          </View>
          <StatTiles
            tiles={[
              { label: '捐赠合计', value: formatFen(a.totals.totalFen), testId: 'activity-total' },
              { label: '走访户数', value: String(a.totals.householdsVisited) },
              { label: '慰问金', value: formatFen(a.totals.cashFen) },
              { label: '物资折价', value: formatFen(a.totals.goodsValueFen) },
            ]}
          />
          <View className="actions">
            {canVisit ? (
              <NavButton url={routes.visitForm({ activityId: a.id })} type="primary" size="small">
                登记走访
              </NavButton>
            ) : null}
            {canVisit ? (
              <NavButton
                url={routes.visitForm({ activityId: a.id, target: 'CADRE' })}
                type="primary"
                fill="outline"
                size="small"
              >
                走访驻村干部
              </NavButton>
            ) : null}
            {canRecord ? (
              <NavButton url={routes.donationForm(a.id)} type="primary" fill="outline" size="small">
                登记捐赠
              </NavButton>
            ) : null}
            {a.canEdit ? (
              <NavButton url={routes.activityForm(a.id)} size="small">
                编辑
              </NavButton>
            ) : null}
            <NavButton url={routes.activityRecord(a.id)} size="small">
              打印活动记录
            </NavButton>
            <NavButton url={routes.handoverReconciliation(a.id)} size="small">
              捐赠对账
            </NavButton>
          </View>
          <QueuedRecords activityId={a.id} />
          <View className="section">
            <View className="section__title">{`走访（${a.visits.length}）`}</View>
            {a.visits.length ? (
              a.visits.map((v) => (
                <Cell
                  key={v.id}
                  title={
                    v.target === 'CADRE'
                      ? `驻村干部 ${v.cadre?.displayName ?? ''}`
                      : v.household
                        ? `${v.household.headName}（${v.household.code}）`
                        : '困难户（不在您的查看范围）'
                  }
                  description={[
                    v.goods.map((g) => `${g.item}${g.quantity}${g.unit}`).join('、'),
                    v.cashFen ? `慰问金 ${formatFen(v.cashFen)}` : '',
                    v.needCount ? `诉求 ${v.needCount} 条` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  onClick={() => void Taro.navigateTo({ url: routes.visitDetail(v.id) })}
                />
              ))
            ) : (
              <View className="list-state muted">还没有走访记录</View>
            )}
          </View>
          <View className="section">
            <View className="section__title">{`捐赠（${a.donations.filter((d) => !d.isVoided).length}）`}</View>
            {a.donations.length ? (
              a.donations.map((d) => (
                <Cell
                  key={d.id}
                  title={d.donorName}
                  description={d.isVoided ? '已作废' : DONATION_KIND_LABELS[d.kind]}
                  extra={<Text className={`money ${d.isVoided ? 'muted' : ''}`}>{formatFen(d.amountFen)}</Text>}
                  onClick={() => void Taro.navigateTo({ url: routes.donationDetail(d.id) })}
                />
              ))
            ) : (
              <View className="list-state muted">还没有捐赠记录</View>
            )}
          </View>
          <View className="section">
            <View className="section__title">活动照片</View>
            <PhotoGallery target={{ activityId: a.id }} />
          </View>
        </>
      )}
    </DetailShell>
  )
}
