// Where a donation went: how much of it has been handed over, what is left, and to whom.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { useTRPC } from '../../lib/trpc'

export const DonationBalance = ({ donationId }: { donationId: string }) => {
  const trpc = useTRPC()
  const { data } = useQuery(trpc.donation.reconciliation.queryOptions({ donationId }))
  const donation = data?.donations[0]
  if (!donation) return null
  const left = (item: string, unit: string) =>
    donation.balance.goods.find((g) => g.item === item && g.unit === unit)?.quantity ?? 0
  return (
    <View className="section">
      <View className="section__title">发放与结余</View>
      <Cell title="已发放" extra={formatFen(donation.handedOver.totalFen)} />
      <Cell title="结余" extra={<View data-testid="donation-balance">{formatFen(donation.balance.totalFen)}</View>} />
      {donation.received.goods.map((g) => (
        <Cell key={`${g.item}-${g.unit}`} title={g.item} extra={`结余 ${left(g.item, g.unit)}${g.unit}`} />
      ))}
      {donation.recipients.map((r) => (
        <Cell
          key={r.handoverId}
          title={r.household ? r.household.headName : r.cadre ? `驻村干部 ${r.cadre.displayName}` : '困难群众户'}
          description={formatChineseDate(r.handedOverOn)}
          extra={formatFen(r.handedOver.totalFen)}
        />
      ))}
    </View>
  )
}
