// 主题党日 list: by month, org and village, newest first, each with its donations and visits; the
// 主题党日台账 as an Excel file (docs/exports.md). Only staff have this tab (lib/roles.ts).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from '../../common/enums'
import { formatFen } from '../../common/money'
import { DateField } from '../components/DateField'
import { FilterBar, FilterChip, SelectChip } from '../components/FilterChips'
import { NavButton } from '../components/NavButton'
import { PagedList } from '../components/PagedList'
import { UnsyncedTag } from '../lib/offline-queue/unsynced-tag'
import { inputNumber, inputText, useUnsynced } from '../lib/offline-queue/use-unsynced'
import { type ChosenOrg, onOrgFilterChosen } from '../lib/org-filter'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { useExportDownload } from '../lib/use-export-download'
import { usePagedList } from '../lib/use-paged-list'

/** The month filter (YYYY-MM) as the ledger export's period: its first to its last day. */
const periodOf = (month: string | undefined) => {
  if (!month) return {}
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
  return { from: `${month}-01`, to: lastDay.toISOString().slice(0, 10) }
}

/** An activity saved on this phone, before the server has it (its names and totals come later). */
const unsyncedRow = (input: Record<string, unknown>) => {
  const expected = inputNumber(input, 'expectedCount')
  const present = inputNumber(input, 'presentCount')
  return {
    title: inputText(input, 'theme'),
    description: [
      inputText(input, 'heldOn'),
      inputText(input, 'place'),
      expected === null || present === null ? '' : `实到 ${present}/${expected}`,
    ]
      .filter(Boolean)
      .join(' · '),
  }
}

export const ActivityList = ({ canCreate }: { canCreate: boolean }) => {
  const trpc = useTRPC()
  const [month, setMonth] = useState<string>()
  const [org, setOrg] = useState<ChosenOrg>()
  const orgId = org?.id
  // The org is chosen on a page of its own (its picker stays out of the main package).
  useEffect(() => onOrgFilterChosen('activities', setOrg), [])
  const [villageId, setVillageId] = useState<string>()
  const villages = useQuery(trpc.village.list.queryOptions())
  const list = usePagedList(
    trpc.activity.list.infiniteQueryOptions(
      { month, orgId, villageId, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  const villageOptions = villages.data ?? []
  const exports = useExportDownload()
  const unsynced = useUnsynced('activity', unsyncedRow)
  const isFiltered = Boolean(month || orgId || villageId)
  const clearFilters = () => {
    setMonth(undefined)
    setOrg(undefined)
    setVillageId(undefined)
  }

  return (
    <View>
      <FilterBar>
        <FilterChip isOn={Boolean(month)}>
          <DateField fields="month" value={month} onChange={setMonth} placeholder="全部月份" testId="filter-month" />
        </FilterChip>
        <FilterChip isOn={Boolean(org)} onClick={() => void Taro.navigateTo({ url: routes.orgFilter('activities') })}>
          <View data-testid="filter-org">{org ? org.name : '全部组织 ›'}</View>
        </FilterChip>
        <SelectChip
          allLabel="全部村"
          options={villageOptions.map((v) => ({ value: v.id, label: v.name }))}
          value={villageId}
          onChange={setVillageId}
          testId="filter-village"
        />
        {isFiltered ? <FilterChip onClick={clearFilters}>清除筛选</FilterChip> : null}
      </FilterBar>
      <View className="actions">
        {canCreate ? (
          <NavButton url={routes.activityForm()} type="primary" size="small">
            新建主题党日
          </NavButton>
        ) : null}
        <Button
          size="small"
          loading={exports.pendingPath !== null}
          onClick={() =>
            exports.start('/exports/activity-ledger.xlsx', '主题党日台账.xlsx', { villageId, ...periodOf(month) })
          }
        >
          导出台账
        </Button>
      </View>
      <PagedList
        list={list}
        unsynced={unsynced}
        // Its detail is built from the queue, so the day's visits and donations can follow offline.
        onOpenUnsynced={(row) => void Taro.navigateTo({ url: routes.activityDetail(row.id) })}
        emptyText={isFiltered ? '没有符合筛选条件的活动，换个条件试试' : '还没有活动记录，点“新建主题党日”开始登记'}
      >
        {list.items.map((a) => (
          <Cell
            key={a.id}
            title={a.theme}
            description={`${a.heldOn} · ${a.village?.name ?? a.place ?? ''} · ${a.organiserOrg.shortName ?? a.organiserOrg.name}${a.orgCount > 1 ? ` 等 ${a.orgCount} 个组织` : ''} · 实到 ${a.presentCount}/${a.expectedCount}`}
            extra={
              <View className="list-extra">
                <View className="money">{formatFen(a.totals.totalFen)}</View>
                <Tag type={a.status === 'PUBLISHED' ? 'success' : 'default'}>
                  {a.status === 'PUBLISHED' ? ACTIVITY_KIND_LABELS[a.kind] : ACTIVITY_STATUS_LABELS[a.status]}
                </Tag>
                <UnsyncedTag state={unsynced.edited[a.id]} />
              </View>
            }
            onClick={() => void Taro.navigateTo({ url: routes.activityDetail(a.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}
