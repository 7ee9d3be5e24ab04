// 邀请 without an account chosen: whom to invite. The accounts the caller manages that are in use,
// by name or phone; those without WeChat first in mind (marked), and 新建人员 for someone new.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FilterBar } from '../../components/FilterChips'
import { NavButton } from '../../components/NavButton'
import { PagedList } from '../../components/PagedList'
import { SearchBox } from '../../components/SearchBox'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { usePagedList } from '../../lib/use-paged-list'
import { roleLine } from '../parts/labels'

export const ChoosePerson = () => {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const list = usePagedList(
    trpc.user.list.infiniteQueryOptions(
      { search: search.trim() || undefined, status: 'ACTIVE', limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  return (
    <View>
      <View className="section">
        <View className="section__title">邀请谁？</View>
        <View className="section__body">
          选择已登记的人员生成邀请码；还没有账号的，先新建人员（填写姓名、手机号和角色）。
        </View>
        <View className="actions section__body">
          <NavButton url={routes.personForm} type="primary" size="small">
            新建人员并邀请
          </NavButton>
        </View>
      </View>
      <FilterBar>
        <SearchBox name="inviteSearch" placeholder="搜索姓名（开头几个字）或手机号" onSearch={setSearch} />
      </FilterBar>
      <PagedList list={list} emptyText="没有找到人员">
        {list.items.map((person) => (
          <Cell
            key={person.id}
            title={person.displayName}
            description={person.roles.map(roleLine).join('；')}
            extra={person.hasWechat ? <Tag type="success">已绑定微信</Tag> : <Tag type="primary">邀请</Tag>}
            onClick={() => void Taro.navigateTo({ url: routes.invitations(person.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}
