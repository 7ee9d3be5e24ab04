// 人员与账号: the accounts an administrator (all staff) or a 支部书记 (those with a role in his
// subtree) manages, by the start of a name or phone digits, by role, org and whether in use;
// paged. A row opens the person; 新建人员, 邀请 and 导入党员花名册 are above the list.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { ChoiceChips, FilterBar, FilterChip, SelectChip } from '../../components/FilterChips'
import { NavButton } from '../../components/NavButton'
import { PagedList } from '../../components/PagedList'
import { PageShell } from '../../components/PageShell'
import { SearchBox } from '../../components/SearchBox'
import { type ChosenOrg, onOrgFilterChosen } from '../../lib/org-filter'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { usePagedList } from '../../lib/use-paged-list'
import { ROLE_OPTIONS, roleLine } from '../parts/labels'

type Status = 'ACTIVE' | 'INACTIVE' | 'ALL'

const STATUS_CHOICES: { value: Status; label: string }[] = [
  { value: 'ACTIVE', label: '在用' },
  { value: 'INACTIVE', label: '已停用' },
  { value: 'ALL', label: '全部' },
]

/** 已停用, 已锁定, 微信; null when none applies (an extra, even empty, would narrow the row's text). */
const personTags = (person: { isActive: boolean; isLocked: boolean; hasWechat: boolean }) =>
  !person.isActive || person.isLocked || person.hasWechat ? (
    <View className="list-extra">
      {person.isActive ? null : <Tag type="default">已停用</Tag>}
      {person.isLocked ? <Tag type="danger">已锁定</Tag> : null}
      {person.hasWechat ? <Tag type="success">微信</Tag> : null}
    </View>
  ) : null

export const PeopleList = () => {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  // Changed by 清除筛选: the search box starts empty again.
  const [searchBox, setSearchBox] = useState(0)
  const [role, setRole] = useState<OrgRole>()
  const [org, setOrg] = useState<ChosenOrg>()
  const [status, setStatus] = useState<Status>('ACTIVE')
  useEffect(() => onOrgFilterChosen('people', setOrg), [])
  const orgId = org?.id
  const list = usePagedList(
    trpc.user.list.infiniteQueryOptions(
      { search: search.trim() || undefined, role, orgId, status, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  const isFiltered = Boolean(search || role || org || status !== 'ACTIVE')
  const clearFilters = () => {
    setSearchBox((n) => n + 1)
    setSearch('')
    setRole(undefined)
    setOrg(undefined)
    setStatus('ACTIVE')
  }
  return (
    <View>
      <FilterBar>
        <SearchBox
          key={searchBox}
          name="peopleSearch"
          placeholder="搜索姓名（开头几个字）或手机号"
          onSearch={setSearch}
        />
        <SelectChip allLabel="全部角色" options={ROLE_OPTIONS} value={role} onChange={setRole} testId="filter-role" />
        <FilterChip isOn={Boolean(org)} onClick={() => void Taro.navigateTo({ url: routes.orgFilter('people') })}>
          <View data-testid="filter-org">{org ? org.name : '全部组织 ›'}</View>
        </FilterChip>
        <ChoiceChips choices={STATUS_CHOICES} value={status} onChange={setStatus} />
        {isFiltered ? <FilterChip onClick={clearFilters}>清除筛选</FilterChip> : null}
      </FilterBar>
      <View className="actions">
        <NavButton url={routes.personForm} type="primary" size="small">
          新建人员
        </NavButton>
        <NavButton url={routes.invitations()} size="small">
          邀请
        </NavButton>
        <NavButton url={routes.memberImport} size="small">
          导入党员花名册
        </NavButton>
      </View>
      <PagedList
        list={list}
        emptyText={isFiltered ? '没有找到符合条件的人员，换个关键词或筛选条件试试' : '还没有人员，点「新建人员」添加'}
      >
        {list.items.map((person) => (
          <Cell
            key={person.id}
            title={person.phone ? `${person.displayName}（${person.phone}）` : person.displayName}
            description={
              [...person.roles.map(roleLine), ...person.posts.map((p) => `${p.post} · ${p.village.name}`)].join('；') ||
              '没有在任的角色'
            }
            extra={personTags(person)}
            onClick={() => void Taro.navigateTo({ url: routes.personDetail(person.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}

export default function PeopleListPage() {
  return (
    <PageShell>
      <PeopleList />
    </PageShell>
  )
}
