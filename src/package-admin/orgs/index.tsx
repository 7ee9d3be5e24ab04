// 组织架构: the org tree the person manages (an administrator's whole tree, a 支部书记's from his
// own org down), a level at a time; search by name anywhere in it; closed orgs on request.
import { useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { FilterBar, FilterChip } from '../../components/FilterChips'
import { NavButton } from '../../components/NavButton'
import { PageShell } from '../../components/PageShell'
import { SearchBox } from '../../components/SearchBox'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import { OrgTree } from '../parts/OrgTree'

const OrgTreePage = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const [search, setSearch] = useState('')
  const [includeClosed, setIncludeClosed] = useState(false)
  usePullDownRefresh(
    () =>
      void queryClient
        .invalidateQueries({ queryKey: trpc.org.tree.pathKey() })
        .finally(() => Taro.stopPullDownRefresh()),
  )
  return (
    <View>
      <FilterBar>
        <SearchBox name="orgSearch" placeholder="搜索组织名称" onSearch={setSearch} />
        <FilterChip isOn={includeClosed} onClick={() => setIncludeClosed(!includeClosed)}>
          显示已撤销
        </FilterChip>
      </FilterBar>
      {me?.roles.includes('ADMIN') ? (
        <View className="actions">
          <NavButton url={routes.orgForm({})} size="small">
            新建最上级组织
          </NavButton>
        </View>
      ) : null}
      <OrgTree
        search={search}
        includeClosed={includeClosed}
        onOpen={(org) => void Taro.navigateTo({ url: routes.orgDetail(org.id) })}
      />
    </View>
  )
}

export default function OrgTreePageShell() {
  return (
    <PageShell>
      <OrgTreePage />
    </PageShell>
  )
}
