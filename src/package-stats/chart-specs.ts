// What the 统计 page draws: for each chart, its ECharts option and the same figures as a plain
// table (for screen readers, and for copying into a report). Both come from one stats.summary
// answer; nothing here adds figures up, it only lays them out. Money stays in fen in the tables
// (formatted exactly); the charts scale by yuan.
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import { NEED_CATEGORIES, NEED_CATEGORY_LABELS, NEED_STATUS_LABELS, NEED_STATUSES } from '../../common/enums'
import { formatFen } from '../../common/money'
import type { RouterOutputs } from '../lib/api-types'

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

export type Summary = RouterOutputs['stats']['summary']

export type ChartSpec = {
  id: string
  title: string
  /** Shown instead of an empty chart. */
  isEmpty: boolean
  option: ChartOption
  columns: string[]
  rows: string[][]
}

const PARTY_RED = '#c8161d'
const GOODS_GOLD = '#e6a23c'
const PALETTE = [PARTY_RED, GOODS_GOLD, '#409eff', '#67c23a', '#909399', '#9b59b6', '#16a085', '#f56c6c']

/** A single month or village should not fill the chart with one slab. */
const BAR_MAX_WIDTH = 28

const yuan = (fen: number) => fen / 100

/** A value axis in 元 that reads 1万 rather than 10000. */
const yuanAxisLabel = (value: number) => (value >= 10_000 ? `${value / 10_000}万` : String(value))

const money = { formatter: (value: unknown) => formatFen(Math.round(Number(value) * 100)) }

/** Long names (律师事务所党支部) wrap on a narrow phone; the table has them whole. */
const shorten = (name: string, max = 8) => (name.length > max ? `${name.slice(0, max - 1)}…` : name)

/** Bars of 现金 with 物资折价 stacked on them, in 元 (donations by month, by donor). */
const cashAndGoodsBars = (
  rows: readonly { cashFen: number; goodsValueFen: number }[],
  bar: Pick<BarSeriesOption, 'barMaxWidth'> = {},
): ChartOption => ({
  color: [PARTY_RED, GOODS_GOLD],
  tooltip: { trigger: 'axis', valueFormatter: money.formatter },
  legend: { top: 0 },
  series: [
    { name: '现金', type: 'bar', stack: 'money', ...bar, data: rows.map((r) => yuan(r.cashFen)) },
    { name: '物资折价', type: 'bar', stack: 'money', ...bar, data: rows.map((r) => yuan(r.goodsValueFen)) },
  ],
})

export const donationsByMonthSpec = (summary: Summary): ChartSpec => ({
  id: 'donations-by-month',
  title: '每月捐赠（现金与物资）',
  isEmpty: summary.byMonth.length === 0,
  option: {
    ...cashAndGoodsBars(summary.byMonth),
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: summary.byMonth.map((m) => m.month) },
    yAxis: { type: 'value', axisLabel: { formatter: yuanAxisLabel } },
  },
  columns: ['月份', '现金', '物资折价', '合计', '笔数'],
  rows: summary.byMonth.map((m) => [
    m.month,
    formatFen(m.cashFen),
    formatFen(m.goodsValueFen),
    formatFen(m.totalFen),
    String(m.donationCount),
  ]),
})

export const visitsByVillageSpec = (summary: Summary): ChartSpec => {
  const villages = summary.byVillageVisits
  // Horizontal bars read top-down, largest first: ECharts draws the first category at the bottom.
  const drawn = [...villages].reverse()
  return {
    id: 'visits-by-village',
    // The summary ranks the villages and keeps the first `top` (the 统计 page asks for 10).
    title: `各村走访（走访最多的 ${villages.length} 个村）`,
    isEmpty: villages.length === 0,
    option: {
      color: [PARTY_RED, '#409eff'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: drawn.map((v) => shorten(v.name)) },
      series: [
        { name: '走访次数', type: 'bar', barMaxWidth: BAR_MAX_WIDTH, data: drawn.map((v) => v.visitCount) },
        { name: '走访户数', type: 'bar', barMaxWidth: BAR_MAX_WIDTH, data: drawn.map((v) => v.householdsVisited) },
      ],
    },
    columns: ['村', '走访次数', '走访户数', '送出现金', '送出物资折价'],
    rows: villages.map((v) => [
      v.name,
      String(v.visitCount),
      String(v.householdsVisited),
      formatFen(v.handedOverCashFen),
      formatFen(v.handedOverGoodsValueFen),
    ]),
  }
}

export const needsByStatusSpec = (summary: Summary): ChartSpec => {
  const statuses = NEED_STATUSES.filter((s) => summary.totals.needsByStatus[s] > 0)
  const countOf = new Map<string, number>(
    statuses.map((s) => [NEED_STATUS_LABELS[s], summary.totals.needsByStatus[s]] as const),
  )
  return {
    id: 'needs-by-status',
    title: '诉求办理状态',
    isEmpty: statuses.length === 0,
    option: {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      // The names and counts in the legend, whole: labels beside a donut on a 320 px phone were
      // cut short (已转…).
      legend: { bottom: 0, type: 'plain', formatter: (name: string) => `${name} ${countOf.get(name) ?? 0}` },
      series: [
        {
          name: '诉求',
          type: 'pie',
          radius: ['32%', '58%'],
          center: ['50%', '40%'],
          label: { show: false },
          data: statuses.map((s) => ({ name: NEED_STATUS_LABELS[s], value: summary.totals.needsByStatus[s] })),
        },
      ],
    },
    columns: ['状态', '件数'],
    rows: NEED_STATUSES.map((s) => [NEED_STATUS_LABELS[s], String(summary.totals.needsByStatus[s])]),
  }
}

export const needsByCategorySpec = (summary: Summary): ChartSpec => {
  const counts = NEED_CATEGORIES.map((c) => ({ category: c, count: summary.totals.needsByCategory[c] }))
  return {
    id: 'needs-by-category',
    title: '诉求类别',
    isEmpty: counts.every((c) => c.count === 0),
    option: {
      color: ['#409eff'],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
      xAxis: {
        type: 'category',
        data: counts.map((c) => NEED_CATEGORY_LABELS[c.category]),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '件数', type: 'bar', barMaxWidth: BAR_MAX_WIDTH, data: counts.map((c) => c.count) }],
    },
    columns: ['类别', '件数'],
    rows: counts.map((c) => [NEED_CATEGORY_LABELS[c.category], String(c.count)]),
  }
}

export const topDonorsSpec = (summary: Summary): ChartSpec => {
  const drawn = [...summary.byDonor].reverse()
  return {
    id: 'top-donors',
    title: `捐赠方排行（前 ${summary.byDonor.length} 名）`,
    isEmpty: summary.byDonor.length === 0,
    option: {
      ...cashAndGoodsBars(drawn, { barMaxWidth: BAR_MAX_WIDTH }),
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: yuanAxisLabel } },
      yAxis: { type: 'category', data: drawn.map((d) => shorten(d.donorName, 10)) },
    },
    columns: ['捐赠方', '现金', '物资折价', '合计'],
    rows: summary.byDonor.map((d) => [
      d.donorName,
      formatFen(d.cashFen),
      formatFen(d.goodsValueFen),
      formatFen(d.totalFen),
    ]),
  }
}

export const chartSpecs = (summary: Summary): ChartSpec[] => [
  donationsByMonthSpec(summary),
  visitsByVillageSpec(summary),
  needsByStatusSpec(summary),
  needsByCategorySpec(summary),
  topDonorsSpec(summary),
]
