// 诉求看板: open needs first, overdue ones at the top; or every need, newest first.
import { Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  NEED_CATEGORIES,
  NEED_CATEGORY_LABELS,
  NEED_URGENCY_LABELS,
  type NeedCategory,
  type NeedUrgency,
} from '../../common/enums'
import { ChoiceChips, FilterBar, SelectChip } from '../components/FilterChips'
import { NeedStatusTag } from '../components/NeedStatusTag'
import { PagedList } from '../components/PagedList'
import { UnsyncedTag } from '../lib/offline-queue/unsynced-tag'
import { inputText, useUnsynced } from '../lib/offline-queue/use-unsynced'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { usePagedList } from '../lib/use-paged-list'

type BoardFilter = 'open' | 'overdue' | 'all'

const FILTERS: { value: BoardFilter; label: string }[] = [
  { value: 'open', label: '待办' },
  { value: 'overdue', label: '已逾期' },
  { value: 'all', label: '全部' },
]

/** A need saved on this phone, before the server has it (the household's name comes later). */
const unsyncedRow = (input: Record<string, unknown>) => {
  const category = inputText(input, 'category') as NeedCategory | ''
  const urgency = inputText(input, 'urgency') as NeedUrgency | ''
  const dueOn = inputText(input, 'dueOn')
  return {
    title: inputText(input, 'description'),
    description: [
      category ? NEED_CATEGORY_LABELS[category] : '',
      urgency ? NEED_URGENCY_LABELS[urgency] : '',
      dueOn ? `应办结 ${dueOn}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  }
}

export const NeedBoard = ({ initialView = 'open' }: { initialView?: BoardFilter }) => {
  const trpc = useTRPC()
  const [view, setView] = useState<BoardFilter>(initialView)
  const [category, setCategory] = useState<NeedCategory>()
  const list = usePagedList(
    trpc.need.list.infiniteQueryOptions(
      {
        isOpen: view === 'open' ? true : undefined,
        isOverdue: view === 'overdue' ? true : undefined,
        category,
        sort: view === 'all' ? 'recent' : 'due',
        limit: 20,
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  const unsynced = useUnsynced('need', unsyncedRow)
  return (
    <View>
      <FilterBar>
        <ChoiceChips choices={FILTERS} value={view} onChange={setView} />
        <SelectChip
          allLabel="全部类别"
          options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_LABELS[c] }))}
          value={category}
          onChange={setCategory}
          testId="filter-category"
        />
      </FilterBar>
      <PagedList
        list={list}
        unsynced={unsynced}
        emptyText={
          view === 'overdue' ? '没有逾期的诉求，继续保持' : view === 'open' ? '暂时没有待办的诉求' : '还没有诉求记录'
        }
      >
        {list.items.map((n) => (
          <Cell
            key={n.id}
            title={`${n.household.headName}：${n.description}`}
            description={`${NEED_CATEGORY_LABELS[n.category]} · ${NEED_URGENCY_LABELS[n.urgency]}${n.dueOn ? ` · 应办结 ${n.dueOn}` : ''} · ${n.village.name}`}
            extra={
              <View className="list-extra">
                <NeedStatusTag status={n.status} isOverdue={n.isOverdue} />
                <UnsyncedTag state={unsynced.edited[n.id]} />
              </View>
            }
            onClick={() => void Taro.navigateTo({ url: routes.needDetail(n.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}
