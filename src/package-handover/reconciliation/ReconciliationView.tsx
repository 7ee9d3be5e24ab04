// 对账 of one activity or village: what its donations brought in, what was handed over from them, and the
// balance, in fen and per goods item, then the same per donor. From donation.reconciliation.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { formatFen } from '../../../common/money'
import { QueryState } from '../../components/QueryState'
import type { RouterOutputs } from '../../lib/api-types'
import { useTRPC } from '../../lib/trpc'

type Reconciliation = RouterOutputs['donation']['reconciliation']
type Figures = Reconciliation['totals']['received']

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
          <Cell
            key={d.key}
            title={d.label}
            description={`收到 ${formatFen(d.received.totalFen)}，已发放 ${formatFen(d.handedOver.totalFen)}，${d.recipients.length} 次发放`}
            extra={`结余 ${formatFen(d.balance.totalFen)}`}
          />
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
