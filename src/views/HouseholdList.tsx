// 困难户 list: search by name, 户编号 or a full ID number; filter by 监测类别, risk and open needs;
// export the 花名册 (masked) or the 公示名单, or import a 花名册 (docs/exports.md).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  type HouseholdCategory,
  RISK_CODE_LABELS,
  RISK_CODES,
  type RiskCode,
} from '../../common/enums'
import { FilterBar, FilterChip, SelectChip } from '../components/FilterChips'
import { NavButton } from '../components/NavButton'
import { PagedList } from '../components/PagedList'
import { UnsyncedTag } from '../lib/offline-queue/unsynced-tag'
import { inputText, useUnsynced } from '../lib/offline-queue/use-unsynced'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { useExportDownload } from '../lib/use-export-download'
import { usePagedList } from '../lib/use-paged-list'

const ROSTER = '/exports/household-roster.xlsx'
const PUBLIC_ROSTER = '/exports/household-roster-public.xlsx'

/** A household saved on this phone, before the server has it (its village's name comes later). */
const unsyncedRow = (input: Record<string, unknown>) => {
  const members = Array.isArray(input.members) ? input.members.length : 0
  const category = inputText(input, 'category') as HouseholdCategory | ''
  return {
    title: `${inputText(input, 'headName')}（${inputText(input, 'code')}）`,
    description: [inputText(input, 'groupName'), `${members} 人`].filter(Boolean).join(' · '),
    category: category ? HOUSEHOLD_CATEGORY_LABELS[category] : '',
  }
}

export const HouseholdList = ({ canCreate }: { canCreate: boolean }) => {
  const trpc = useTRPC()
  // What is typed, and what is searched for (on 搜索/Enter, or when the field loses focus).
  const [draft, setDraft] = useState('')
  const [search, setSearch] = useState('')
  const [category, setCategory] = useState<HouseholdCategory>()
  const [risk, setRisk] = useState<RiskCode>()
  const [hasOpenNeeds, setHasOpenNeeds] = useState<boolean>()
  const list = usePagedList(
    trpc.household.list.infiniteQueryOptions(
      { search: search.trim() || undefined, category, risk, hasOpenNeeds, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  const isFiltered = Boolean(search || category || risk || hasOpenNeeds !== undefined)
  const clearFilters = () => {
    setDraft('')
    setSearch('')
    setCategory(undefined)
    setRisk(undefined)
    setHasOpenNeeds(undefined)
  }
  const exports = useExportDownload()
  const unsynced = useUnsynced('household', unsyncedRow)

  return (
    <View>
      <FilterBar>
        <Input
          className="filters__search"
          name="householdSearch"
          placeholder="搜索户主姓名、户编号或身份证号"
          value={draft}
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setSearch(draft)}
          onBlur={() => setSearch(draft)}
        />
        <SelectChip
          allLabel="全部类别"
          options={HOUSEHOLD_CATEGORIES.map((c) => ({ value: c, label: HOUSEHOLD_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={setCategory}
          testId="filter-category"
        />
        <SelectChip
          allLabel="全部风险"
          options={RISK_CODES.map((r) => ({ value: r, label: RISK_CODE_LABELS[r] }))}
          value={risk}
          onChange={setRisk}
          testId="filter-risk"
        />
        <FilterChip isOn={Boolean(hasOpenNeeds)} onClick={() => setHasOpenNeeds(hasOpenNeeds ? undefined : true)}>
          有待办诉求
        </FilterChip>
        {isFiltered ? <FilterChip onClick={clearFilters}>清除筛选</FilterChip> : null}
      </FilterBar>
      <View className="actions">
        {canCreate ? (
          <NavButton url={routes.householdForm()} type="primary" size="small">
            新增困难户
          </NavButton>
        ) : null}
        {canCreate ? (
          <NavButton url={routes.householdImport} size="small">
            导入花名册
          </NavButton>
        ) : null}
        <Button
          size="small"
          loading={exports.pendingPath === ROSTER}
          disabled={exports.pendingPath !== null}
          onClick={() => exports.start(ROSTER, '困难户花名册.xlsx')}
        >
          导出花名册
        </Button>
        <Button
          size="small"
          loading={exports.pendingPath === PUBLIC_ROSTER}
          disabled={exports.pendingPath !== null}
          onClick={() => exports.start(PUBLIC_ROSTER, '困难户公示名单.xlsx')}
        >
          导出公示名单
        </Button>
      </View>
      <PagedList
        list={list}
        unsynced={unsynced}
        unsyncedBadge={(row) => (row.category ? <Tag type="primary">{row.category}</Tag> : null)}
        emptyText={isFiltered ? '没有找到符合条件的困难户，换个关键词或筛选条件试试' : '还没有困难户记录'}
      >
        {list.items.map((h) => (
          <Cell
            key={h.id}
            title={`${h.headName}（${h.code}）`}
            description={`${h.village.name}${h.groupName ? ` ${h.groupName}` : ''} · ${h.memberCount} 人 · ${h.riskCodes.map((r) => RISK_CODE_LABELS[r]).join('、') || '无风险'}`}
            extra={
              <View className="list-extra">
                <Tag type="primary">{HOUSEHOLD_CATEGORY_LABELS[h.category]}</Tag>
                {h.openNeedCount ? <Tag type="danger">{`诉求 ${h.openNeedCount}`}</Tag> : null}
                <UnsyncedTag state={unsynced.edited[h.id]} />
              </View>
            }
            onClick={() => void Taro.navigateTo({ url: routes.householdDetail(h.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}
