// 参加单位: the orgs taking part besides the organiser, found by name (律师 finds the law firms'
// branches), ticked one by one or all that the search shows.
import { Checkbox } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { FormField } from '../../components/FormField'

type Org = { id: string; name: string; shortName: string | null }

type Props = {
  orgs: readonly Org[]
  organiserOrgId: string | null
  value: string[]
  onChange: (orgIds: string[]) => void
  error?: string
}

/** At most this many checkboxes at once; a search narrows the rest down. */
const SHOWN = 50

export const ParticipantOrgsField = ({ orgs, organiserOrgId, value, onChange, error }: Props) => {
  const [search, setSearch] = useState('')
  const choices = orgs.filter(
    (o) => o.id !== organiserOrgId && (!search || o.name.includes(search) || (o.shortName ?? '').includes(search)),
  )
  return (
    <FormField label={`参加单位（已选 ${value.length} 个）`} error={error}>
      <Input
        className="form-input"
        name="orgSearch"
        placeholder="搜索组织名称，如 律师"
        value={search}
        onInput={(e) => setSearch(e.detail.value)}
      />
      <View className="row">
        <Text className="link" onClick={() => onChange([...new Set([...value, ...choices.map((o) => o.id)])])}>
          全选以下 {choices.length} 个
        </Text>
        <Text className="link" onClick={() => onChange([])}>
          清空
        </Text>
      </View>
      <Checkbox.Group value={value} onChange={onChange}>
        {choices.slice(0, SHOWN).map((o) => (
          <Checkbox key={o.id} value={o.id} label={o.name} />
        ))}
      </Checkbox.Group>
    </FormField>
  )
}
