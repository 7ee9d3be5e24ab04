// 工作台: the person's 待办, the headline numbers for what their role covers, and their quick actions.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect } from 'react'
import { shanghaiDate } from '../../../common/dates'
import { ROLE_LABELS } from '../../../common/enums'
import { formatFen } from '../../../common/money'
import { MonthBars } from '../../components/MonthBars'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { PageShell } from '../../components/PageShell'
import { RecentRecords } from '../../components/RecentRecords'
import { StatTiles } from '../../components/StatTiles'
import { TodoSection } from '../../components/TodoSection'
import { staffDashboardQueries } from '../../lib/dashboard-queries'
import { isStaff, type Persona, TAB_VIEWS } from '../../lib/roles'
import { routes } from '../../lib/routes'
import { labelTabBar } from '../../lib/tab-bar'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import './index.scss'

type QuickAction = { text: string; url: string; isTab?: boolean }

const QUICK_ACTIONS: Record<Persona, QuickAction[]> = {
  ADMIN: [
    { text: '新建主题党日', url: routes.activityForm() },
    { text: '登记捐赠', url: routes.donationForm() },
    { text: '捐赠台账', url: routes.secondaryTab, isTab: true },
    { text: '有诉必应日报', url: routes.dailyNeedsReport },
  ],
  SECRETARY: [
    { text: '新建主题党日', url: routes.activityForm() },
    { text: '登记走访', url: routes.visitForm({}) },
    { text: '登记捐赠', url: routes.donationForm() },
    { text: '捐赠台账', url: routes.secondaryTab, isTab: true },
    { text: '有诉必应日报', url: routes.dailyNeedsReport },
  ],
  CADRE: [
    { text: '诉求看板', url: routes.secondaryTab, isTab: true },
    { text: '新增困难户', url: routes.householdForm() },
    { text: '登记诉求', url: routes.needForm() },
    { text: '登记走访', url: routes.visitForm({}) },
    { text: '有诉必应日报', url: routes.dailyNeedsReport },
  ],
  MEMBER: [
    { text: '登记走访', url: routes.visitForm({}) },
    { text: '主题党日', url: routes.primaryTab, isTab: true },
    { text: '有诉必应日报', url: routes.dailyNeedsReport },
  ],
  RESIDENT: [
    { text: '提交诉求', url: routes.submitNeed() },
    { text: '我的诉求', url: routes.primaryTab, isTab: true },
    { text: '发放签收', url: routes.myReceipts },
  ],
  GUEST: [
    { text: '绑定我的家庭户', url: routes.bindHousehold },
    // Staff invited by an administrator or their 支部书记 bind this WeChat to their account.
    { text: '我有邀请码（工作人员）', url: routes.acceptInvitation() },
  ],
}

const go = (action: QuickAction) =>
  void (action.isTab ? Taro.switchTab({ url: action.url }) : Taro.navigateTo({ url: action.url }))

/** The last months with donations that the 工作台's small chart shows (the 统计 page has them all). */
const RECENT_MONTHS = 6

/** The tab that lists every 主题党日, for the personas that have one. */
const activitiesTabOf = (persona: Persona) => {
  const slot = TAB_VIEWS[persona].indexOf('activities')
  return slot < 0 ? null : [routes.primaryTab, routes.secondaryTab][slot]
}

const StaffDashboard = ({ persona }: { persona: Persona }) => {
  const activitiesTab = activitiesTabOf(persona)
  const queries = staffDashboardQueries(useTRPC())
  const summary = useQuery(queries.summary)
  const overdue = useQuery(queries.overdueNeeds)
  usePullDownRefresh(() => {
    void Promise.all([summary.refetch(), overdue.refetch()]).finally(() => Taro.stopPullDownRefresh())
  })
  const totals = summary.data?.totals
  return (
    <>
      <StatTiles
        tiles={[
          { label: '捐赠总额', value: totals ? formatFen(totals.totalFen) : '—', testId: 'donated-total' },
          { label: '走访户数', value: totals ? String(totals.householdsVisited) : '—' },
          { label: '开展活动', value: totals ? String(totals.activitiesHeld) : '—' },
          { label: '待办诉求', value: totals ? `${totals.openNeeds}（逾期 ${totals.overdueNeeds}）` : '—' },
        ]}
      />
      {summary.error ? <View className="field-error">统计数据加载失败，请下拉刷新重试</View> : null}
      {summary.data ? (
        <View className="section">
          <View className="section__title row home__chart-title">
            <Text>{`近 ${RECENT_MONTHS} 个月捐赠`}</Text>
            <Text className="link" onClick={() => void Taro.navigateTo({ url: routes.stats })}>
              统计图表 ›
            </Text>
          </View>
          {summary.data.byMonth.length ? (
            <MonthBars months={summary.data.byMonth.slice(-RECENT_MONTHS)} />
          ) : (
            <View className="list-state muted">还没有捐赠记录</View>
          )}
        </View>
      ) : null}
      {summary.data?.byActivity.length ? (
        <View className="section">
          <View className="section__title row home__chart-title">
            <Text>{`最近 ${summary.data.byActivity.length} 次活动`}</Text>
            {activitiesTab && totals && totals.activitiesHeld > summary.data.byActivity.length ? (
              <Text className="link" onClick={() => void Taro.switchTab({ url: activitiesTab })}>
                {`全部 ${totals.activitiesHeld} 次 ›`}
              </Text>
            ) : null}
          </View>
          {summary.data.byActivity.map((a) => (
            <Cell
              key={a.activityId}
              title={a.theme}
              description={`${a.heldOn} · 走访 ${a.householdsVisited} 户`}
              extra={formatFen(a.totalFen)}
              onClick={() => void Taro.navigateTo({ url: routes.activityDetail(a.activityId) })}
            />
          ))}
        </View>
      ) : null}
      {overdue.data?.items.length ? (
        <View className="section">
          <View className="section__title row home__chart-title">
            <Text>逾期诉求（优先办理）</Text>
            {totals && totals.overdueNeeds > overdue.data.items.length ? (
              <Text className="link" onClick={() => void Taro.navigateTo({ url: routes.needBoard('overdue') })}>
                {`全部 ${totals.overdueNeeds} 条 ›`}
              </Text>
            ) : null}
          </View>
          {overdue.data.items.map((n) => (
            <Cell
              key={n.id}
              title={`${n.household.headName}：${n.description}`}
              description={`应办结 ${n.dueOn ?? ''} · ${n.village.name}`}
              extra={<NeedStatusTag status={n.status} isOverdue={n.isOverdue} />}
              onClick={() => void Taro.navigateTo({ url: routes.needDetail(n.id) })}
            />
          ))}
        </View>
      ) : null}
    </>
  )
}

const ResidentDashboard = () => {
  const trpc = useTRPC()
  const needs = useQuery(trpc.resident.myNeeds.queryOptions({ limit: 3 }))
  usePullDownRefresh(() => void needs.refetch().finally(() => Taro.stopPullDownRefresh()))
  return (
    <View className="section">
      <View className="section__title row home__chart-title">
        <Text>我最近的诉求</Text>
        {needs.data?.nextCursor ? (
          <Text className="link" onClick={() => void Taro.switchTab({ url: routes.primaryTab })}>
            全部 ›
          </Text>
        ) : null}
      </View>
      {needs.data?.items.length ? (
        needs.data.items.map((n) => (
          <Cell
            key={n.id}
            title={n.description}
            description={shanghaiDate(n.createdAt)}
            extra={<NeedStatusTag status={n.status} />}
            onClick={() => void Taro.navigateTo({ url: routes.myNeedDetail(n.id) })}
          />
        ))
      ) : (
        <View className="list-state muted">{needs.isLoading ? '正在加载…' : '还没有提交过诉求'}</View>
      )}
    </View>
  )
}

export default function HomePage() {
  const { data: me, persona } = useMe()
  useDidShow(() => {
    if (persona) labelTabBar(persona)
  })
  useEffect(() => {
    if (persona) labelTabBar(persona)
  }, [persona])
  const org = me?.memberships[0]
  return (
    <PageShell className="home">
      <View className="home__greeting">
        <Text className="home__name">{me ? `${me.displayName}，您好` : '您好'}</Text>
        <Text className="muted">
          {org
            ? `${org.orgName} · ${org.title ?? ROLE_LABELS[org.role]}`
            : me?.household
              ? `${me.household.village.name} 村民`
              : ''}
        </Text>
      </View>
      <View className="actions">
        {persona
          ? QUICK_ACTIONS[persona].map((action) => (
              <Button key={action.text} type="primary" fill="outline" size="small" onClick={() => go(action)}>
                {action.text}
              </Button>
            ))
          : null}
      </View>
      {persona && isStaff(persona) ? <RecentRecords /> : null}
      {persona && persona !== 'GUEST' ? <TodoSection /> : null}
      {persona && isStaff(persona) ? <StaffDashboard persona={persona} /> : null}
      {persona === 'RESIDENT' ? <ResidentDashboard /> : null}
      {persona === 'GUEST' ? (
        <View className="section list-state">
          <View>您的微信还没有绑定家庭户。绑定后可以提交诉求、查看办理进度。</View>
        </View>
      ) : null}
    </PageShell>
  )
}
