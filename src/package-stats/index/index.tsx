// 统计: donations per month, visits per village, needs by status and by category, and the top
// donors, each as a chart with its table, for what the person's role covers. One stats.summary
// call gives every figure. ECharts lives in this subpackage only (see ../echarts.ts).
import { Button } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { formatFen } from '../../../common/money'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { StatTiles } from '../../components/StatTiles'
import { useTRPC } from '../../lib/trpc'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { ChartCard } from '../ChartCard'
import { chartSpecs } from '../chart-specs'
import { PERIOD_LABELS, type Period, periodFrom } from '../periods'
import './index.scss'

const TOP_DONORS = 10

const Charts = () => {
  const trpc = useTRPC()
  const [period, setPeriod] = useState<Period>('ALL')
  const from = periodFrom(period)
  const summary = useQuery(trpc.stats.summary.queryOptions({ top: TOP_DONORS, ...(from ? { from } : {}) }))
  useRefreshOnPull(summary)
  return (
    <>
      <View className="stats-periods">
        {(Object.keys(PERIOD_LABELS) as Period[]).map((p) => (
          <Button
            key={p}
            size="small"
            type={p === period ? 'primary' : 'default'}
            fill={p === period ? 'solid' : 'outline'}
            onClick={() => setPeriod(p)}
          >
            {PERIOD_LABELS[p]}
          </Button>
        ))}
      </View>
      <QueryState query={summary}>
        {(data) => (
          <>
            <StatTiles
              tiles={[
                { label: '捐赠总额', value: formatFen(data.totals.totalFen), testId: 'stats-total' },
                { label: '走访户数', value: String(data.totals.householdsVisited) },
                { label: '开展活动', value: String(data.totals.activitiesHeld) },
                {
                  label: '诉求总数',
                  value: String(Object.values(data.totals.needsByStatus).reduce((a, b) => a + b, 0)),
                },
              ]}
            />
            {chartSpecs(data).map((spec) => (
              <ChartCard key={spec.id} spec={spec} />
            ))}
          </>
        )}
      </QueryState>
    </>
  )
}

export default function StatsPage() {
  return (
    <PageShell className="stats">
      <Charts />
    </PageShell>
  )
}
