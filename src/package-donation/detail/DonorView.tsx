// 捐赠去向, as the donor org sees it: what its donation brought, what was handed over, village by
// village and household by household (names masked as a 公示 masks them), and the balance. Asked
// only by 支部书记 and administrators, and shown only when the server answers: it refuses every
// org's secretary but the donor's.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'

export const DonorView = ({ donationId, hasDonorOrg }: { donationId: string; hasDonorOrg: boolean }) => {
  const trpc = useTRPC()
  const { persona } = useMe()
  const mayAsk = hasDonorOrg && (persona === 'SECRETARY' || persona === 'ADMIN')
  const { data } = useQuery({ ...trpc.donation.donorView.queryOptions({ donationId }), enabled: mayAsk, retry: false })
  if (!mayAsk || !data) return null
  return (
    <View className="section" data-testid="donor-view">
      <View className="section__title">捐赠去向（捐赠单位查看）</View>
      <Cell title="捐赠" extra={formatFen(data.received.totalFen)} />
      <Cell title="已发放" extra={formatFen(data.handedOver.totalFen)} />
      <Cell title="结余" extra={<View data-testid="donor-balance">{formatFen(data.balance.totalFen)}</View>} />
      {data.villages.map((village) => (
        <View key={village.villageId}>
          <Cell
            title={village.villageName}
            description={`${village.recipients.length} 次发放`}
            extra={formatFen(village.handedOver.totalFen)}
          />
          {village.recipients.map((r) => (
            <Cell
              key={r.handoverId}
              title={[r.name, r.group].filter(Boolean).join(' ')}
              description={`${formatChineseDate(r.handedOverOn)} · ${r.stateLabel}`}
              extra={formatFen(r.handedOver.totalFen)}
            />
          ))}
        </View>
      ))}
    </View>
  )
}
