// 对账 of one activity or village: what its donations brought in, what was handed over from them, and the
// balance, in fen and per goods item, then the same per donor, with how many handovers and households
// are behind each; a donor opens to its donations, paged, each of which lists its households
// (DonationBalance).
// From donation.reconciliation.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { QueryState } from '../../components/QueryState'
import type { RouterOutputs } from '../../lib/api-types'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'

type Reconciliation = RouterOutputs['donation']['reconciliation']
type Figures = Reconciliation['totals']['received']
type Group = Reconciliation['byDonor'][number]

type Donation = Reconciliation['donations']['items'][number]
const DONATIONS_PAGE = 50

const DonationRow = ({ d }: { d: Donation }) => (
  <Cell
    title={`${formatChineseDate(d.receivedOn)} ${d.kind === 'CASH' ? '慰问金' : '物资'}`}
    description={`${d.handoverCount} 次发放，${d.recipientCount} 户`}
    extra={`结余 ${formatFen(d.balance.totalFen)}`}
    onClick={() => void Taro.navigateTo({ url: routes.donationDetail(d.id) })}
  />
)

/** A donor's donations in this 对账, a page at a time, each the way to its households. */
const DonorDonations = ({ scope }: { scope: NonNullable<Group['scope']> }) => {
  const trpc = useTRPC()
  const query = useInfiniteQuery(
    trpc.donation.reconciliation.infiniteQueryOptions(
      { ...scope, limit: DONATIONS_PAGE },
      { getNextPageParam: (page) => page.donations.nextCursor },
    ),
  )
  const donations = query.data?.pages.flatMap((page) => page.donations.items) ?? []
  return (
    <>
      {donations.map((d) => (
        <DonationRow key={d.id} d={d} />
      ))}
      {query.hasNextPage ? (
        <Button size="small" block loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          更多捐赠
        </Button>
      ) : null}
    </>
  )
}

/** One donor's figures and counts; tapped (a donor org), its donations. */
const DonorGroup = ({ group }: { group: Group }) => {
  const [isOpen, setOpen] = useState(false)
  const { scope } = group
  return (
    <>
      <Cell
        title={group.label}
        description={`收到 ${formatFen(group.received.totalFen)}，已发放 ${formatFen(group.handedOver.totalFen)}，${group.handoverCount} 次发放，${group.recipientCount} 户`}
        extra={`结余 ${formatFen(group.balance.totalFen)}`}
        onClick={() => setOpen(!isOpen)}
      />
      {isOpen && scope ? <DonorDonations scope={scope} /> : null}
    </>
  )
}

const goodsOf = (received: Figures, handedOver: Figures, balance: Figures) =>
  received.goods.map((g) => {
    const same = (f: Figures) => f.goods.find((x) => x.item === g.item && x.unit === g.unit)
    return { ...g, handed: same(handedOver)?.quantity ?? 0, left: same(balance)?.quantity ?? 0 }
  })

export const ReconciliationSummary = ({ data }: { data: Reconciliation }) => {
  const { received, handedOver, balance } = data.totals
  return (
    <>
      <View className="section">
        <View className="section__title">合计</View>
        <Cell title="收到捐赠" extra={<Text className="money">{formatFen(received.totalFen)}</Text>} />
        <Cell title="已发放" extra={<Text className="money">{formatFen(handedOver.totalFen)}</Text>} />
        <Cell
          title="结余"
          description={`慰问金 ${formatFen(balance.cashFen)}，物资 ${formatFen(balance.goodsValueFen)}`}
          extra={
            <Text className="money" data-testid="balance-total">
              {formatFen(balance.totalFen)}
            </Text>
          }
        />
      </View>
      {received.goods.length ? (
        <View className="section">
          <View className="section__title">物资</View>
          {goodsOf(received, handedOver, balance).map((g) => (
            <Cell
              key={`${g.item}-${g.unit}`}
              title={g.item}
              description={`收到 ${g.quantity}${g.unit}，已发放 ${g.handed}${g.unit}`}
              extra={`结余 ${g.left}${g.unit}`}
            />
          ))}
        </View>
      ) : null}
      <View className="section">
        <View className="section__title">{`按捐赠方（${data.byDonor.length}）`}</View>
        {data.byDonor.map((d) => (
          <DonorGroup key={d.key} group={d} />
        ))}
      </View>
    </>
  )
}

/** 对账 of one activity, or of one village (all its donations). */
export type ReconciliationOf = { activityId: string } | { villageId: string }

export const ReconciliationView = ({ of }: { of: ReconciliationOf }) => {
  const trpc = useTRPC()
  const query = useQuery(trpc.donation.reconciliation.queryOptions(of))
  return <QueryState query={query}>{(data) => <ReconciliationSummary data={data} />}</QueryState>
}
