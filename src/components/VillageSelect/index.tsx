// Which village a record is for: the villages the person works in (village.list), named with their
// township, 良教乡前跃村. A handful are a plain select; an administrator's hundreds or thousands are
// a search over the same list (part of a name, a township, a county, or the start of the
// 行政区划代码), paged as the person scrolls, so no village is out of reach.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocalResults } from '../../lib/pickers/picker-pages'
import type { PickerOption } from '../../lib/pickers/recent-picks'
import { useTRPC } from '../../lib/trpc'
import { SearchPicker } from '../SearchPicker'
import { SelectField } from '../SelectField'

/** Up to this many villages read well as a select; more are searched. */
export const VILLAGES_IN_A_SELECT = 12

type Props = {
  value: string | null
  onChange: (villageId: string) => void
  placeholder?: string
  testId?: string
}

type Village = { id: string; name: string; township: string; county: string; adminCode: string }

const villageOption = (v: Village): PickerOption => ({
  id: v.id,
  title: `${v.township}${v.name}`,
  detail: [v.county, v.adminCode].filter(Boolean).join(' · '),
})

/** Part of the name, township or county; digits are the start of the 行政区划代码. */
export const villageMatches = (typed: string) => {
  const text = typed.trim()
  if (!text) return () => true
  if (/^\d+$/.test(text)) return (v: Village) => v.adminCode.startsWith(text)
  return (v: Village) => `${v.county}${v.township}${v.name}`.includes(text)
}

const VillageSearch = ({
  villages,
  value,
  onChange,
  placeholder,
  testId,
}: Props & { villages: readonly Village[] }) => {
  const [typed, setTyped] = useState('')
  const results = useLocalResults(villages.filter(villageMatches(typed)).map(villageOption), typed)
  const chosen = villages.find((v) => v.id === value)
  return (
    <SearchPicker
      testId={testId ?? 'village'}
      unit="个村"
      prompt={placeholder ?? '搜索选择村'}
      searchPlaceholder="村名、乡镇、县区或行政区划代码"
      search={typed}
      onSearch={setTyped}
      results={results}
      value={chosen ? villageOption(chosen) : null}
      onChange={(option) => onChange(option.id)}
    />
  )
}

export const VillageSelect = ({ value, onChange, placeholder, testId }: Props) => {
  const trpc = useTRPC()
  const villages = useQuery(trpc.village.list.queryOptions())
  const all = villages.data ?? []
  if (all.length > VILLAGES_IN_A_SELECT)
    return <VillageSearch villages={all} value={value} onChange={onChange} placeholder={placeholder} testId={testId} />
  return (
    <SelectField
      options={all.map((v) => ({ value: v.id, label: `${v.township}${v.name}` }))}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      testId={testId}
    />
  )
}

type InVillage = { villageId: string | null; householdId: string | null; cadreUserId: string | null }

/** A household or a cadre is of one village: choosing another village clears them. */
export const inVillage =
  (villageId: string) =>
  <T extends InVillage>(values: T): T => ({ ...values, villageId, householdId: null, cadreUserId: null })
