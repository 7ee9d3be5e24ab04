// Where a donation went: how much of it has been handed over, what is left, and to whom, the
// households a page at a time.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useInfiniteQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { useTRPC } from '../../lib/trpc'

const RECIPIENTS_PAGE = 50

export const DonationBalance = ({ donationId }: { donationId: string }) => {
  const trpc = useTRPC()
  const query = useInfiniteQuery(
    trpc.donation.reconciliation.infiniteQueryOptions(
      { donationId, limit: RECIPIENTS_PAGE, parts: ['donations'] },
      { getNextPageParam: (page) => page.recipients?.nextCursor ?? null },
    ),
  )
  const pages = query.data?.pages ?? []
  const donation = pages[0]?.donations?.items[0]
  if (!donation) return null
  const recipients = pages.flatMap((page) => page.recipients?.items ?? [])
  const left = (item: string, unit: string) =>
    donation.balance.goods.find((g) => g.item === item && g.unit === unit)?.quantity ?? 0
  return (
    <View className="section">
      <View className="section__title">发放与结余</View>
      <Cell
        title="已发放"
        description={`${donation.handoverCount} 次发放，${donation.recipientCount} 户`}
        extra={formatFen(donation.handedOver.totalFen)}
      />
      <Cell title="结余" extra={<View data-testid="donation-balance">{formatFen(donation.balance.totalFen)}</View>} />
      {donation.received.goods.map((g) => (
        <Cell key={`${g.item}-${g.unit}`} title={g.item} extra={`结余 ${left(g.item, g.unit)}${g.unit}`} />
      ))}
      {recipients.map((r) => (
        <Cell
          key={r.handoverId}
          title={r.household ? r.household.headName : r.cadre ? `驻村干部 ${r.cadre.displayName}` : '困难群众户'}
          description={formatChineseDate(r.handedOverOn)}
          extra={formatFen(r.handedOver.totalFen)}
        />
      ))}
      {query.hasNextPage ? (
        <Button size="small" block loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          更多受助户
        </Button>
      ) : null}
    </View>
  )
}
