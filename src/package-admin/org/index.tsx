// One org in 组织架构: where it sits, what hangs on it, its pairings with villages (current and
// ended), and what the person may do with it: 新建下级组织, 修改, 调整上级组织, 撤销 (with a
// reason; a closed org stays, marked 已撤销, with its history).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZCloseOrgRequestSchema } from '../../../common/contracts/org/close-org'
import { formatShanghaiDateTime } from '../../../common/dates'
import { ORG_KIND_LABELS } from '../../../common/enums'
import { DetailShell } from '../../components/DetailShell'
import { NavButton } from '../../components/NavButton'
import { TextAreaField } from '../../components/TextField'
import type { RouterOutputs } from '../../lib/api-types'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMe } from '../../lib/use-me'
import { useMutationKey } from '../../lib/use-mutation-key'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { orgRightsOf } from '../parts/org-rights'
import { periodText } from '../parts/period'

type OrgDetail = RouterOutputs['org']['byId']

/** 撤销: the reason, then 确认撤销; the server ends the org's roles and pairings that day. */
const CloseOrg = ({ org, onCancel }: { org: OrgDetail; onCancel: () => void }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = useMutationKey()
  const form = useForm({ reason: '' })
  const close = useMutation(
    trpc.org.close.mutationOptions({
      onSuccess: (closed) => {
        key.renew()
        queryClient.setQueryData(trpc.org.byId.queryKey({ id: closed.id }), closed)
        void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
        void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
        toast('组织已撤销')
        onCancel()
      },
      onError: form.onServerError,
    }),
  )
  const submit = () => {
    const checked = form.check(ZCloseOrgRequestSchema, {
      clientMutationId: key.current(),
      id: org.id,
      version: org.version,
      reason: form.values.reason,
    })
    if (checked) close.mutate(checked)
  }
  return (
    <View className="section">
      <View className="section__title">{`撤销「${org.name}」`}</View>
      <View className="section__body muted">
        撤销后不能再登记新的记录；它的人员职务和结对在今天结束，已有的活动、捐赠和历史仍然保留、可以查看。有未撤销的下级组织时不能撤销。
      </View>
      <TextAreaField
        label="撤销原因"
        required
        name="closeReason"
        placeholder="如：机构改革，并入某某党支部"
        {...form.field('reason')}
      />
      <View className="actions">
        <Button type="danger" loading={close.isPending} onClick={submit}>
          确认撤销
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </View>
    </View>
  )
}

const OrgView = ({ org }: { org: OrgDetail }) => {
  const { data: me } = useMe()
  const [isClosing, setIsClosing] = useState(false)
  const rights = me ? orgRightsOf(org, me) : null
  const isAdmin = me?.roles.includes('ADMIN') ?? false
  return (
    <>
      <View className="section">
        <View className="section__title">{org.name}</View>
        <View className="tag-row">
          <Tag type="primary">{ORG_KIND_LABELS[org.kind]}</Tag>
          {org.isClosed ? <Tag type="default">已撤销</Tag> : null}
        </View>
        {org.shortName ? <Cell title="简称" extra={org.shortName} /> : null}
        <Cell title="上级组织" description={org.ancestors.map((a) => a.name).join(' / ') || '（最上级）'} />
        <Cell title="下级组织" extra={`${org.openChildCount} 个`} />
        <Cell title="在职人员" extra={`${org.peopleCount} 人`} />
        <Cell title="结对村" extra={`${org.pairedVillageCount} 个`} />
        {org.closedAt ? (
          <Cell title={`撤销于 ${formatShanghaiDateTime(org.closedAt)}`} description={org.closedReason ?? ''} />
        ) : null}
      </View>
      {rights && !org.isClosed ? (
        <View className="actions">
          {rights.canAddChild ? (
            <NavButton url={routes.orgForm({ parentId: org.id })} type="primary" size="small">
              新建下级组织
            </NavButton>
          ) : null}
          {rights.canEdit ? (
            <NavButton url={routes.orgForm({ id: org.id })} size="small">
              修改
            </NavButton>
          ) : null}
          {rights.canRestructure ? (
            <NavButton url={routes.orgMove(org.id)} size="small">
              调整上级组织
            </NavButton>
          ) : null}
          {rights.canRestructure && !isClosing ? (
            <Button size="small" onClick={() => setIsClosing(true)}>
              撤销组织
            </Button>
          ) : null}
        </View>
      ) : null}
      <View className="actions">
        <NavButton url={routes.donorReconciliation(org.id)} size="small">
          捐赠去向
        </NavButton>
      </View>
      {isClosing ? <CloseOrg org={org} onCancel={() => setIsClosing(false)} /> : null}
      <View className="section">
        <View className="section__title">结对帮扶的村</View>
        {org.pairings.length ? (
          org.pairings.map((p) => (
            <Cell
              key={p.id}
              title={`${p.village.county}${p.village.township}${p.village.name}`}
              description={periodText(p)}
              extra={p.isCurrent ? <Tag type="success">结对中</Tag> : <Tag type="default">已结束</Tag>}
              onClick={isAdmin ? () => void Taro.navigateTo({ url: routes.villageAdmin(p.village.id) }) : undefined}
            />
          ))
        ) : (
          <View className="section__body muted">还没有结对的村</View>
        )}
      </View>
    </>
  )
}

export default function OrgDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const org = useQuery(trpc.org.byId.queryOptions({ id: params.id ?? '' }))
  useRefreshOnPull(org)
  return <DetailShell query={org}>{(data) => <OrgView org={data} />}</DetailShell>
}
