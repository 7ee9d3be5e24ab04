// The 工作台's small chart: donations of the last months as plain bars, cash and goods stacked.
// Drawn with views, not ECharts, which stays out of the main package (the 统计 page has it).
import { Text, View } from '@tarojs/components'
import { formatFen, formatFenWan } from '../../../common/money'
import './index.scss'

export type MonthTotals = { month: string; cashFen: number; goodsValueFen: number; totalFen: number }

export const MonthBars = ({ months }: { months: MonthTotals[] }) => {
  const highest = Math.max(1, ...months.map((m) => m.totalFen))
  const share = (fen: number) => `${(fen / highest) * 100}%`
  return (
    <View className="month-bars" data-testid="month-bars">
      <View className="month-bars__legend muted">
        <Text className="month-bars__key month-bars__key--cash" />
        现金
        <Text className="month-bars__key month-bars__key--goods" />
        物资折价
      </View>
      {months.map((m) => (
        <View
          key={m.month}
          className="month-bars__row"
          aria-label={`${m.month}：现金${formatFen(m.cashFen)}，物资${formatFen(m.goodsValueFen)}`}
        >
          <Text className="month-bars__month muted">{m.month}</Text>
          <View className="month-bars__track">
            <View className="month-bars__bar month-bars__bar--cash" style={{ width: share(m.cashFen) }} />
            <View className="month-bars__bar month-bars__bar--goods" style={{ width: share(m.goodsValueFen) }} />
          </View>
          <Text className="month-bars__value money">{m.totalFen ? formatFenWan(m.totalFen) : '—'}</Text>
        </View>
      ))}
    </View>
  )
}
