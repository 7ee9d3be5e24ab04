// One chart of the 统计 page with its figures as a plain table beneath: screen readers read the
// table, and people copy it into their reports.
import { Text, View } from '@tarojs/components'
import Echarts from 'taro-react-echarts'
import type { ChartSpec } from './chart-specs'
import { echarts } from './echarts'

export const ChartCard = ({ spec }: { spec: ChartSpec }) => (
  <View className="section chart-card" data-testid={`chart-${spec.id}`}>
    <View className="section__title">{spec.title}</View>
    {spec.isEmpty ? (
      <View className="list-state muted">所选范围内暂无数据</View>
    ) : (
      // Drawn once the data is here, after the page's onReady: so not as a page-level chart.
      <View className="chart-card__canvas" aria-hidden="true">
        <Echarts echarts={echarts} option={spec.option} isPage={false} style={{ height: '260px' }} />
      </View>
    )}
    {/* Columns line up as a grid; a table wider than the phone scrolls, with a shadow at the edge
        that has more. */}
    <View className="data-table-scroll" data-testid="data-table-scroll">
      <View
        className="data-table"
        role="table"
        aria-label={`${spec.title}（数据表）`}
        style={{ gridTemplateColumns: `minmax(4.5em, 1.5fr) repeat(${spec.columns.length - 1}, auto)` }}
      >
        <View className="data-table__row data-table__row--head" role="row">
          {spec.columns.map((column) => (
            <View key={column} className="data-table__cell" role="columnheader">
              {column}
            </View>
          ))}
        </View>
        {spec.rows.map((row) => (
          <View key={row[0]} className="data-table__row" role="row">
            {row.map((cell, i) => (
              <View key={spec.columns[i]} className="data-table__cell money" role="cell">
                <Text userSelect>{cell}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  </View>
)
