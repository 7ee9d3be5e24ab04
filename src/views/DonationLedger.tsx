// 捐赠台账: every donation in scope with the running totals, cash and goods apart, and the whole
// ledger as an Excel file (docs/exports.md).
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { DONATION_KIND_LABELS, type DonationKind } from '../../common/enums'
import { goodsValueFen, type TGoodsLine } from '../../common/goods'
import { formatFen } from '../../common/money'
import { ListState } from '../components/ListState'
import { StatTiles } from '../components/StatTiles'
import { UnsyncedCell, UnsyncedTag } from '../lib/offline-queue/unsynced-tag'
import { inputNumber, inputText, notListed, useUnsynced } from '../lib/offline-queue/use-unsynced'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { useExportDownload } from '../lib/use-export-download'
import { usePagedList } from '../lib/use-paged-list'
import './filters.scss'

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

export const DonationLedger = ({ canCreate }: { canCreate: boolean }) => {
  const trpc = useTRPC()
  const [kind, setKind] = useState<DonationKind>()
  const list = usePagedList(
    trpc.donation.list.infiniteQueryOptions({ kind, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  )
  const totals = list.data?.pages[0]?.totals
  const exports = useExportDownload()
  const unsynced = useUnsynced('donation', unsyncedRow)
  const created = notListed(unsynced.created, list.items)
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
      <View className="filters">
        {([undefined, 'CASH', 'GOODS'] as const).map((k) => (
          <View
            key={k ?? 'all'}
            className={`filters__chip ${kind === k ? 'filters__chip--on' : ''}`}
            onClick={() => setKind(k)}
          >
            {k ? DONATION_KIND_LABELS[k] : '全部'}
          </View>
        ))}
      </View>
      <View className="actions">
        {canCreate ? (
          <Button type="primary" size="small" onClick={() => void Taro.navigateTo({ url: routes.donationForm() })}>
            登记捐赠
          </Button>
        ) : null}
        <Button
          size="small"
          loading={exports.pendingPath !== null}
          onClick={() => exports.start('/exports/donation-ledger.xlsx', '捐赠台账.xlsx')}
        >
          导出 Excel
        </Button>
      </View>
      {list.items.length || created.length ? (
        <View className="section">
          {created.map((row) => (
            <UnsyncedCell
              key={row.itemId}
              title={row.title}
              description={row.description}
              state={row.state}
              badge={<View className="money">{formatFen(row.amountFen)}</View>}
            />
          ))}
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
        </View>
      ) : null}
      <ListState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={!list.items.length && !created.length}
        emptyText="还没有捐赠记录"
        onRetry={() => void list.refetch()}
        footer={list.footer}
      />
    </View>
  )
}
