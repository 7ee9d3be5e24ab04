// The periods the 统计 page offers, as the `from` day of stats.summary (Shanghai calendar).
import { shanghaiDate } from '../../common/dates'

export type Period = 'ALL' | 'THIS_YEAR' | 'LAST_12_MONTHS'

export const PERIOD_LABELS: Record<Period, string> = { ALL: '全部', THIS_YEAR: '今年', LAST_12_MONTHS: '近12个月' }

/** The first day the period covers; undefined for all time. */
export const periodFrom = (period: Period, today: string = shanghaiDate()): string | undefined => {
  const [year, month] = today.split('-').map(Number) as [number, number]
  if (period === 'THIS_YEAR') return `${year}-01-01`
  if (period === 'LAST_12_MONTHS') {
    // This month and the eleven before it.
    const index = year * 12 + (month - 1) - 11
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
  }
  return undefined
}
