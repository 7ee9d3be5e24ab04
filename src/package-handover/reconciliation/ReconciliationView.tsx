// 对账 of one activity, one village, or one donor org: what its donations brought in, what was
// handed over from them, and the balance, in fen and per goods item, then the same per group, a
// page of groups at a time, with how many handovers and households are behind each. An activity's
// or a village's groups are its donors; a donor org's are the villages its donations went to
// (捐赠去向, for the org's 支部书记). A group opens to its donations, paged, each of which lists
// its households (DonationBalance, and for the donor the 公示-masked DonorView).
// From donation.reconciliation, and donation.reconciliationGroups for the groups after the first page.
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

/** 对账 of one activity, of one village (all its donations), or of one donor org (all it gave). */
export type ReconciliationOf = { activityId: string } | { villageId: string } | { donorOrgId: string }

/** The groups a 对账 shows beside its totals: a donor's villages, or an activity's or village's donors. */
const groupingOf = (of: ReconciliationOf) =>
  'donorOrgId' in of
    ? ({ by: 'village', part: 'byVillage', title: '按村', more: '更多村' } as const)
    : ({ by: 'donor', part: 'byDonor', title: '按捐赠方', more: '更多捐赠方' } as const)

type Donation = NonNullable<Reconciliation['donations']>['items'][number]
const DONATIONS_PAGE = 50
const GROUPS_PAGE = 20

const DonationRow = ({ d }: { d: Donation }) => (
  <Cell
    title={`${formatChineseDate(d.receivedOn)} ${d.kind === 'CASH' ? '慰问金' : '物资'}`}
    description={`${d.handoverCount} 次发放，${d.recipientCount} 户`}
    extra={`结余 ${formatFen(d.balance.totalFen)}`}
    onClick={() => void Taro.navigateTo({ url: routes.donationDetail(d.id) })}
  />
)

/** A group's donations in this 对账, a page at a time, each the way to its households. */
const GroupDonations = ({ scope }: { scope: NonNullable<Group['scope']> }) => {
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

/** One group's figures and counts; tapped (a donor org, a village), its donations. */
const GroupRow = ({ group }: { group: Group }) => {
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
      {isOpen && scope ? <GroupDonations scope={scope} /> : null}
    </>
  )
}

const goodsOf = (received: Figures, handedOver: Figures, balance: Figures) =>
  received.goods.map((g) => {
    const same = (f: Figures) => f.goods.find((x) => x.item === g.item && x.unit === g.unit)
    return { ...g, handed: same(handedOver)?.quantity ?? 0, left: same(balance)?.quantity ?? 0 }
  })

/** The groups after the answer's first page, a page at a time, once asked for. */
const MoreGroups = ({ of, after }: { of: ReconciliationOf; after: string }) => {
  const trpc = useTRPC()
  const [isAsked, setAsked] = useState(false)
  const query = useInfiniteQuery({
    ...trpc.donation.reconciliationGroups.infiniteQueryOptions(
      { ...of, by: groupingOf(of).by, limit: GROUPS_PAGE },
      { initialCursor: after, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: isAsked,
  })
  const groups = query.data?.pages.flatMap((page) => page.items) ?? []
  const hasMore = !isAsked || query.hasNextPage
  return (
    <>
      {groups.map((g) => (
        <GroupRow key={g.key} group={g} />
      ))}
      {hasMore ? (
        <Button
          size="small"
          block
          loading={query.isFetching}
          onClick={() => (isAsked ? void query.fetchNextPage() : setAsked(true))}
        >
          {groupingOf(of).more}
        </Button>
      ) : null}
    </>
  )
}

export const ReconciliationSummary = ({ data, of }: { data: Reconciliation; of: ReconciliationOf }) => {
  const { received, handedOver, balance } = data.totals
  const grouping = groupingOf(of)
  const groups = data[grouping.part]
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
      {groups ? (
        <View className="section">
          <View className="section__title">{`${grouping.title}（${groups.count}）`}</View>
          {groups.items.map((g) => (
            <GroupRow key={g.key} group={g} />
          ))}
          {groups.nextCursor ? <MoreGroups of={of} after={groups.nextCursor} /> : null}
        </View>
      ) : null}
    </>
  )
}

export const ReconciliationView = ({ of }: { of: ReconciliationOf }) => {
  const trpc = useTRPC()
  // Beside the totals this screen shows one grouping only: the other parts are not worked out.
  const query = useQuery(trpc.donation.reconciliation.queryOptions({ ...of, parts: [groupingOf(of).part] }))
  return <QueryState query={query}>{(data) => <ReconciliationSummary data={data} of={of} />}</QueryState>
}
