// The 统计 page's charts and their tables say the same thing, from one stats.summary answer.
import { describe, expect, it } from 'vitest'
import { NEED_CATEGORIES, NEED_STATUSES } from '../../common/enums'
import {
  chartSpecs,
  donationsByMonthSpec,
  needsByStatusSpec,
  type Summary,
  topDonorsSpec,
  visitsByVillageSpec,
} from '../../src/package-stats/chart-specs'
import { periodFrom } from '../../src/package-stats/periods'

const money = (cashFen: number, goodsValueFen: number) => ({
  cashFen,
  goodsValueFen,
  totalFen: cashFen + goodsValueFen,
  donationCount: 1,
})
const visits = (visitCount: number, householdsVisited: number) => ({
  visitCount,
  householdsVisited,
  handedOverCashFen: 0,
  handedOverGoodsValueFen: 0,
})

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

const summary = {
  totals: {
    ...money(3_600_000, 800_000),
    donorCount: 2,
    activitiesHeld: 1,
    ...visits(5, 4),
    needsByStatus: { ...zeroes(NEED_STATUSES), RECEIVED: 2, FOLLOWED_UP: 1 },
    needsByCategory: { ...zeroes(NEED_CATEGORIES), MEDICAL: 3 },
    openNeeds: 2,
    overdueNeeds: 0,
  },
  byMonth: [
    { month: '2025-01', ...money(3_600_000, 800_000) },
    { month: '2025-02', ...money(0, 0), donationCount: 0 },
  ],
  byVillage: [],
  byVillageVisits: [
    { villageId: 'a', name: '前跃村', ...money(0, 0), ...visits(5, 4) },
    { villageId: 'b', name: '上滩村', ...money(0, 0), ...visits(2, 2) },
  ],
  byDonor: [
    { donorOrgId: null, donorName: '青海某某律师事务所党支部', ...money(500_000, 0) },
    { donorOrgId: null, donorName: '西宁市司法局机关党支部', ...money(0, 800_000) },
  ],
  byActivity: [],
  byHousehold: [],
} as unknown as Summary

describe('the 统计 charts', () => {
  it('stacks cash and goods per month, in yuan, with the exact figures in the table', () => {
    const spec = donationsByMonthSpec(summary)
    const series = spec.option.series as { name: string; stack: string; data: number[] }[]
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['现金', 'money', [36_000, 0]],
      ['物资折价', 'money', [8_000, 0]],
    ])
    expect(spec.rows[0]).toEqual(['2025-01', '¥36,000.00', '¥8,000.00', '¥44,000.00', '1'])
    expect(spec.rows).toHaveLength(2)
  })

  it('draws the most visited village on top', () => {
    const spec = visitsByVillageSpec(summary)
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(['上滩村', '前跃村'])
    expect(spec.rows.map((r) => r[0])).toEqual(['前跃村', '上滩村'])
  })

  it('pies only the statuses that have needs, but tables every status', () => {
    const spec = needsByStatusSpec(summary)
    const [pie] = spec.option.series as { data: { name: string; value: number }[] }[]
    expect(pie?.data).toEqual([
      { name: '已受理', value: 2 },
      { name: '已回访', value: 1 },
    ])
    expect(spec.rows).toHaveLength(NEED_STATUSES.length)
    // Nothing is cut short beside the donut: the legend names each status with its count.
    expect((pie as { label?: { show?: boolean } }).label?.show).toBe(false)
    const legend = spec.option.legend as { formatter: (name: string) => string }
    expect(legend.formatter('已受理')).toBe('已受理 2')
  })

  it('shortens long donor names on the axis only', () => {
    const spec = topDonorsSpec(summary)
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(['西宁市司法局机关党…', '青海某某律师事务所…'])
    expect(spec.rows[0]?.[0]).toBe('青海某某律师事务所党支部')
  })

  it('says a chart is empty rather than drawing nothing', () => {
    const empty = {
      ...summary,
      byMonth: [],
      byVillageVisits: [],
      byDonor: [],
      totals: { ...summary.totals, needsByStatus: zeroes(NEED_STATUSES), needsByCategory: zeroes(NEED_CATEGORIES) },
    } as Summary
    expect(chartSpecs(empty).map((s) => s.isEmpty)).toEqual([true, true, true, true, true])
    expect(chartSpecs(summary).map((s) => s.isEmpty)).toEqual([false, false, false, false, false])
  })
})

describe('the 统计 periods', () => {
  it('start on the right day', () => {
    expect(periodFrom('ALL', '2026-11-26')).toBeUndefined()
    expect(periodFrom('THIS_YEAR', '2026-11-26')).toBe('2026-01-01')
    expect(periodFrom('LAST_12_MONTHS', '2026-11-26')).toBe('2025-12-01')
    expect(periodFrom('LAST_12_MONTHS', '2026-01-05')).toBe('2025-02-01')
    expect(periodFrom('LAST_12_MONTHS', '2026-12-31')).toBe('2026-01-01')
  })
})
