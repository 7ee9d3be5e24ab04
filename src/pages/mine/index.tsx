// 我的: who I am, my org and role (a 支部书记's way to where the org's donations went), 管理 for those who manage something, 待办提醒, 长辈模式, the privacy notice, my password, and logging out.
import { Button, Cell, Switch } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABELS } from '../../../common/enums'
import { PageShell } from '../../components/PageShell'
import { isReminded, ReminderCell } from '../../components/ReminderCell'
import { SyncCell } from '../../components/SyncBanner'
import { setElderMode, useElderMode } from '../../lib/elder-mode'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { managesAnything } from '../../lib/roles'
import { routes } from '../../lib/routes'
import { clearSession } from '../../lib/session'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'

export default function MinePage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const isElder = useElderMode()
  const leave = () => {
    clearSession()
    queryClient.clear()
    void Taro.reLaunch({ url: routes.login })
  }
  // Log out locally even when the server cannot be reached: the token is then just forgotten.
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: leave }))
  const queue = useOfflineQueueState()
  const unsent = queue ? queue.pendingCount + queue.failedCount : 0
  // What waits on the phone is sent only under this account: say so before it signs out.
  const confirmLogout = async () => {
    if (unsent) {
      const { confirm } = await Taro.showModal({
        title: '还有记录未同步',
        content: `还有 ${unsent} 条记录未同步。退出后，要由您本人再次登录才会同步。确定退出吗？`,
        confirmText: '退出',
        cancelText: '先不退出',
      })
      if (!confirm) return
    }
    logout.mutate()
  }

  return (
    <PageShell>
      <View className="section">
        <View className="section__title">{me?.displayName ?? ''}</View>
        {me?.roles.length ? <Cell title="身份" extra={me.roles.map((r) => ROLE_LABELS[r]).join('、')} /> : null}
        {me?.memberships.map((m) => (
          <Cell
            key={`${m.orgId}-${m.role}`}
            title={m.orgName}
            description={m.title ?? ''}
            extra={ROLE_LABELS[m.role]}
          />
        ))}
        {me?.memberships
          .filter((m) => m.role === 'SECRETARY')
          .map((m) => (
            <Cell
              key={`gave-${m.orgId}`}
              title="捐赠去向"
              description={`${m.orgName}的捐赠，发放到哪些村、结余多少`}
              onClick={() => void Taro.navigateTo({ url: routes.donorReconciliation(m.orgId) })}
            />
          ))}
        {me?.villages.map((v) => (
          <Cell key={v.id} title="联系村" extra={`${v.county}${v.township}${v.name}`} />
        ))}
        {me?.household ? (
          <Cell title="家庭户" extra={`${me.household.village.name} · 户主 ${me.household.headName}`} />
        ) : null}
      </View>
      {me && managesAnything(me.roles) ? (
        <View className="section">
          <Cell
            title="管理"
            description={
              me.roles.includes('ADMIN') ? '组织架构、村与结对、人员与账号、审计日志' : '本组织及下级组织、党员'
            }
            onClick={() => void Taro.navigateTo({ url: routes.admin })}
          />
        </View>
      ) : null}
      <View className="section">
        <SyncCell />
        {me && isReminded(me.roles) ? <ReminderCell /> : null}
        <Cell
          title="个人信息保护说明"
          description={me?.privacy.agreedAt ? '已同意' : ''}
          onClick={() => void Taro.navigateTo({ url: routes.privacy })}
        />
        {me?.hasPassword ? (
          <Cell title="修改密码" onClick={() => void Taro.navigateTo({ url: routes.changePassword })} />
        ) : null}
        <Cell
          title="长辈模式"
          description="更大的字和按钮"
          extra={<Switch checked={isElder} onChange={(checked) => setElderMode(checked)} aria-label="长辈模式" />}
        />
      </View>
      <Button type="danger" fill="outline" block loading={logout.isPending} onClick={() => void confirmLogout()}>
        退出登录
      </Button>
    </PageShell>
  )
}
