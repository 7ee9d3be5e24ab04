// Choosing the org a role is held in: the open orgs the caller may grant roles in (his subtree; an
// administrator's whole tree), found by a part of their name when there are many.
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { SearchBox } from '../../components/SearchBox'
import { SelectField } from '../../components/SelectField'
import { useTRPC } from '../../lib/trpc'

type Props = { value: string | null; onChange: (orgId: string) => void; testId?: string }

export const OrgPicker = ({ value, onChange, testId }: Props) => {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const orgs = useQuery(trpc.org.list.queryOptions({ search: search.trim() || undefined, limit: 200 }))
  const options = (orgs.data ?? []).filter((o) => o.canOrganise).map((o) => ({ value: o.id, label: o.name }))
  return (
    <View>
      <SearchBox name="orgSearch" placeholder="输入组织名称查找" onSearch={setSearch} className="form-input" />
      <SelectField
        options={options}
        value={value}
        onChange={onChange}
        placeholder={orgs.isLoading ? '正在加载…' : options.length ? '请选择组织' : '没有找到组织'}
        testId={testId}
      />
    </View>
  )
}
