// 捐赠台账: every donation in scope with the running totals, cash and goods apart, and the whole
// ledger as an Excel file (docs/exports.md).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { DONATION_KIND_LABELS, type DonationKind } from '../../common/enums'
import { goodsValueFen, type TGoodsLine } from '../../common/goods'
import { formatFen } from '../../common/money'
import { ChoiceChips, FilterBar } from '../components/FilterChips'
import { NavButton } from '../components/NavButton'
import { PagedList } from '../components/PagedList'
import { StatTiles } from '../components/StatTiles'
import { UnsyncedTag } from '../lib/offline-queue/unsynced-tag'
import { inputNumber, inputText, useUnsynced } from '../lib/offline-queue/use-unsynced'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { useExportDownload } from '../lib/use-export-download'
import { usePagedList } from '../lib/use-paged-list'

/** A donation saved on this phone, before the server has it (the village's name comes later). */
const unsyncedRow = (input: Record<string, unknown>) => {
  const goods = Array.isArray(input.goods) ? (input.goods as TGoodsLine[]) : []
  return {
    title: inputText(input, 'donorName') || '捐赠',
    description: [inputText(input, 'receivedOn'), goods.map((g) => `${g.item}${g.quantity}${g.unit}`).join('、')]
      .filter(Boolean)
      .join(' · '),
    amountFen: inputNumber(input, 'amountFen') ?? goodsValueFen(goods),
  }
}

const KIND_CHOICES: { value: DonationKind | undefined; label: string }[] = [
  { value: undefined, label: '全部' },
  { value: 'CASH', label: DONATION_KIND_LABELS.CASH },
  { value: 'GOODS', label: DONATION_KIND_LABELS.GOODS },
]

export const DonationLedger = ({ canCreate }: { canCreate: boolean }) => {
  const trpc = useTRPC()
  const [kind, setKind] = useState<DonationKind>()
  const list = usePagedList(
    trpc.donation.list.infiniteQueryOptions({ kind, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  )
  const totals = list.data?.pages[0]?.totals
  const exports = useExportDownload()
  const unsynced = useUnsynced('donation', unsyncedRow)
  return (
    <View>
      <StatTiles
        tiles={[
          { label: '合计', value: totals ? formatFen(totals.totalFen) : '—', testId: 'ledger-total' },
          { label: '笔数', value: totals ? String(totals.donationCount) : '—' },
          { label: '慰问金', value: totals ? formatFen(totals.cashFen) : '—' },
          { label: '物资折价', value: totals ? formatFen(totals.goodsValueFen) : '—' },
        ]}
      />
      <FilterBar>
        <ChoiceChips choices={KIND_CHOICES} value={kind} onChange={setKind} />
      </FilterBar>
      <View className="actions">
        {canCreate ? (
          <NavButton url={routes.donationForm()} type="primary" size="small">
            登记捐赠
          </NavButton>
        ) : null}
        <Button
          size="small"
          loading={exports.pendingPath !== null}
          onClick={() => exports.start('/exports/donation-ledger.xlsx', '捐赠台账.xlsx')}
        >
          导出 Excel
        </Button>
      </View>
      <PagedList
        list={list}
        unsynced={unsynced}
        unsyncedBadge={(row) => <View className="money">{formatFen(row.amountFen)}</View>}
        emptyText="还没有捐赠记录"
      >
        {list.items.map((d) => (
          <Cell
            key={d.id}
            title={d.donorName}
            description={`${d.receivedOn} · ${d.village.name}${d.household ? ` ${d.household.headName}` : ''}${d.activity ? ` · ${d.activity.theme}` : ''}${
              d.goods.length ? ` · ${d.goods.map((g) => `${g.item}${g.quantity}${g.unit}`).join('、')}` : ''
            }`}
            extra={
              <View className="list-extra">
                <View className="money">{formatFen(d.amountFen)}</View>
                <Tag type={d.kind === 'CASH' ? 'warning' : 'info'}>{DONATION_KIND_LABELS[d.kind]}</Tag>
                <UnsyncedTag state={unsynced.edited[d.id]} />
              </View>
            }
            onClick={() => void Taro.navigateTo({ url: routes.donationDetail(d.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}
