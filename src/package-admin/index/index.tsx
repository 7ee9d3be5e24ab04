// 管理: where an administrator sets the ledger up and brings people in, and a 支部书记 keeps his
// own org subtree and its members. Only what the person's roles may do is offered (lib/roles.ts);
// the server refuses the rest all the same.
import { Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Role } from '../../../common/enums'
import { ListState } from '../../components/ListState'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { managementOf } from '../../lib/roles'
import { routes } from '../../lib/routes'
import { useMe } from '../../lib/use-me'

type Entry = { title: string; description: string; url: string }

const go = (url: string) => () => void Taro.navigateTo({ url })

const Section = ({ title, entries }: { title: string; entries: Entry[] }) =>
  entries.length ? (
    <View className="section">
      <View className="section__title">{title}</View>
      {entries.map((entry) => (
        <Cell key={entry.url} title={entry.title} description={entry.description} onClick={go(entry.url)} />
      ))}
    </View>
  ) : null

const AdminHub = ({ roles }: { roles: readonly Role[] }) => {
  const can = managementOf(roles)
  const isAdmin = can.villages
  const setUp: Entry[] = [
    ...(can.orgs
      ? [
          {
            title: '组织架构',
            description: isAdmin ? '党委、党总支、党支部和外部单位：新建、修改、调整、撤销' : '本组织及下级组织',
            url: routes.orgTree,
          },
        ]
      : []),
    ...(can.villages
      ? [{ title: '村与结对', description: '村名单、结对帮扶、驻村干部，导入村名单', url: routes.villageDirectory }]
      : []),
  ]
  const people: Entry[] = can.people
    ? [
        {
          title: '人员与账号',
          description: isAdmin ? '账号、职务、驻村岗位、停用和重置密码' : '本支部的党员',
          url: routes.people,
        },
        { title: '邀请', description: '生成邀请码，本人扫码绑定微信', url: routes.invitations() },
        { title: '导入党员花名册', description: '从 Excel 导入姓名、手机号、组织和职务', url: routes.memberImport },
      ]
    : []
  const oversight: Entry[] = can.audit
    ? [
        { title: '审计日志', description: '谁在何时做了什么，以及日志完整性校验', url: routes.auditLog },
        { title: '任务运行', description: '备份、日报、待办提醒等定时任务的运行情况', url: routes.jobs },
      ]
    : []
  if (!setUp.length && !people.length && !oversight.length)
    return <ListState isLoading={false} error={null} isEmpty emptyText="您没有可管理的事项" onRetry={() => {}} />
  return (
    <>
      <Section title="组织与村" entries={setUp} />
      <Section title="人员" entries={people} />
      <Section title="监督" entries={oversight} />
    </>
  )
}

export default function AdminHubPage() {
  const me = useMe()
  return (
    <PageShell>
      <QueryState query={me}>{(data) => <AdminHub roles={data.roles} />}</QueryState>
    </PageShell>
  )
}
