// 调整上级组织: moves an org, with everything below it, under another parent chosen in the tree
// (or by name), after a confirmation. The org's own branch stays shut: nothing below it can be its
// parent, and the server refuses such a move (shown as it says) should a search offer one.
import { Cell } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { FilterBar } from '../../components/FilterChips'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { SearchBox } from '../../components/SearchBox'
import type { RouterOutputs } from '../../lib/api-types'
import { userMessage } from '../../lib/errors'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import { useMutationKey } from '../../lib/use-mutation-key'
import { OrgTree } from '../parts/OrgTree'
import { orgRightsOf } from '../parts/org-rights'

type OrgDetail = RouterOutputs['org']['byId']

const MoveOrg = ({ org }: { org: OrgDetail }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const key = useMutationKey()
  const [search, setSearch] = useState('')
  const move = useMutation(
    trpc.org.move.mutationOptions({
      onSuccess: (moved) => {
        key.renew()
        queryClient.setQueryData(trpc.org.byId.queryKey({ id: moved.id }), moved)
        void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
        toast('已调整上级组织')
        void Taro.navigateBack()
      },
      onError: (error) => toast(userMessage(error)),
    }),
  )
  const moveUnder = async (parent: { id: string; name: string } | null) => {
    const { confirm } = await Taro.showModal({
      title: '调整上级组织',
      content: `把「${org.name}」及其全部下级组织移到${parent ? `「${parent.name}」之下` : '最上级'}？`,
      confirmText: '移动',
      cancelText: '取消',
    })
    if (!confirm) return
    move.mutate({ clientMutationId: key.current(), id: org.id, version: org.version, parentId: parent?.id ?? null })
  }
  const canUseTop = me ? orgRightsOf(org, me).canUseTop : false
  return (
    <View>
      <View className="section">
        <View className="section__title">{org.name}</View>
        <Cell title="现在的上级" description={org.ancestors.map((a) => a.name).join(' / ') || '（最上级）'} />
        <View className="section__body muted">
          在下面的组织架构中选择新的上级组织（可以展开下级，也可以按名称搜索）。
        </View>
      </View>
      {canUseTop && org.parentId ? (
        <View className="section">
          <Cell title="移到最上级" onClick={() => void moveUnder(null)} />
        </View>
      ) : null}
      <FilterBar>
        <SearchBox name="orgSearch" placeholder="搜索新的上级组织" onSearch={setSearch} />
      </FilterBar>
      <OrgTree
        search={search}
        shutId={org.id}
        pick={{
          isPickable: (candidate) => candidate.canManage && candidate.id !== org.id && candidate.id !== org.parentId,
          onPick: (candidate) => void moveUnder(candidate),
        }}
      />
    </View>
  )
}

export default function OrgMovePage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const org = useQuery(trpc.org.byId.queryOptions({ id: params.id ?? '' }))
  return (
    <PageShell>
      <QueryState query={org}>{(data) => <MoveOrg org={data} />}</QueryState>
    </PageShell>
  )
}
