// 对账 of one activity or village: what its donations brought in, what was handed over from them, and the
// balance, in fen and per goods item, then the same per donor, a page of donors at a time, with how
// many handovers and households are behind each; a donor opens to its donations, paged, each of which
// lists its households (DonationBalance).
// From donation.reconciliation, and donation.reconciliationGroups for the donors after the first page.
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
type Group = NonNullable<Reconciliation['byDonor']>['items'][number]

type Donation = NonNullable<Reconciliation['donations']>['items'][number]
const DONATIONS_PAGE = 50
const DONORS_PAGE = 20

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
      { ...scope, limit: DONATIONS_PAGE, parts: ['donations'] },
      { getNextPageParam: (page) => page.donations?.nextCursor ?? null },
    ),
  )
  const donations = query.data?.pages.flatMap((page) => page.donations?.items ?? []) ?? []
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

/** The donors after the answer's first page, a page at a time, once asked for. */
const MoreDonors = ({ of, after }: { of: ReconciliationOf; after: string }) => {
  const trpc = useTRPC()
  const [isAsked, setAsked] = useState(false)
  const query = useInfiniteQuery({
    ...trpc.donation.reconciliationGroups.infiniteQueryOptions(
      { ...of, by: 'donor', limit: DONORS_PAGE },
      { initialCursor: after, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: isAsked,
  })
  const donors = query.data?.pages.flatMap((page) => page.items) ?? []
  const hasMore = !isAsked || query.hasNextPage
  return (
    <>
      {donors.map((d) => (
        <DonorGroup key={d.key} group={d} />
      ))}
      {hasMore ? (
        <Button
          size="small"
          block
          loading={query.isFetching}
          onClick={() => (isAsked ? void query.fetchNextPage() : setAsked(true))}
        >
          更多捐赠方
        </Button>
      ) : null}
    </>
  )
}

export const ReconciliationSummary = ({ data, of }: { data: Reconciliation; of: ReconciliationOf }) => {
  const { received, handedOver, balance } = data.totals
  const { byDonor } = data
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
      {byDonor ? (
        <View className="section">
          <View className="section__title">{`按捐赠方（${byDonor.count}）`}</View>
          {byDonor.items.map((d) => (
            <DonorGroup key={d.key} group={d} />
          ))}
          {byDonor.nextCursor ? <MoreDonors of={of} after={byDonor.nextCursor} /> : null}
        </View>
      ) : null}
    </>
  )
}

/** 对账 of one activity, or of one village (all its donations). */
export type ReconciliationOf = { activityId: string } | { villageId: string }

export const ReconciliationView = ({ of }: { of: ReconciliationOf }) => {
  const trpc = useTRPC()
  // Beside the totals this screen shows the donors only: the other parts are not worked out.
  const query = useQuery(trpc.donation.reconciliation.queryOptions({ ...of, parts: ['byDonor'] }))
  return <QueryState query={query}>{(data) => <ReconciliationSummary data={data} of={of} />}</QueryState>
}
