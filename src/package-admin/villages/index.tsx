// 村与结对: every village of the ledger in 行政区划 order, searched by name or by the start of its
// 行政区划代码 (6 digits: a county's villages, 9: a township's), each with the orgs paired with it
// now and its 驻村干部; 新增村 and 导入村名单. For administrators.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FilterBar } from '../../components/FilterChips'
import { NavButton } from '../../components/NavButton'
import { PagedList } from '../../components/PagedList'
import { PageShell } from '../../components/PageShell'
import { SearchBox } from '../../components/SearchBox'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { usePagedList } from '../../lib/use-paged-list'

const VillageDirectory = () => {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const list = usePagedList(
    trpc.village.directory.infiniteQueryOptions(
      { search: search || undefined, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  return (
    <View>
      <FilterBar>
        <SearchBox name="villageSearch" placeholder="搜索村名，或输入行政区划代码的前几位" onSearch={setSearch} />
      </FilterBar>
      <View className="actions">
        <NavButton url={routes.villageForm()} type="primary" size="small">
          新增村
        </NavButton>
        <NavButton url={routes.villageImport} size="small">
          导入村名单
        </NavButton>
      </View>
      <PagedList list={list} emptyText={search ? '没有找到这个村，换个名称或代码试试' : '还没有村，请新增或导入村名单'}>
        {list.items.map((v) => (
          <Cell
            key={v.id}
            title={`${v.township}${v.name}`}
            description={
              <View>
                <View>{`${v.county} · ${v.adminCode}`}</View>
                <View>
                  {v.currentPairings.length
                    ? `结对：${v.currentPairings.map((p) => p.org.name).join('、')}`
                    : '尚未结对'}
                </View>
              </View>
            }
            extra={v.currentCadreCount ? <Tag type="primary">{`驻村干部 ${v.currentCadreCount}`}</Tag> : null}
            onClick={() => void Taro.navigateTo({ url: routes.villageAdmin(v.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}

export default function VillageDirectoryPage() {
  return (
    <PageShell>
      <VillageDirectory />
    </PageShell>
  )
}
