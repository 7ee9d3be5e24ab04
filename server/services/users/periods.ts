// Roles and 驻村 posts as periods (services/auth/periods.ts): [startedOn, endedOn), endedOn null
// while open. Two periods of one (account, org, role) or (account, village) may not overlap; a
// period ended on the day it started never held, and overlaps nothing.
import { dateOnlyToDate } from '../../../common/dates'
import { AppError, fieldError } from '../../errors'
import { today } from '../auth/periods'

export type Span = { startedOn: Date; endedOn: Date | null }

const isEmpty = (span: Span) => span.endedOn !== null && span.endedOn <= span.startedOn

export const overlaps = (a: Span, b: Span): boolean =>
  !isEmpty(a) &&
  !isEmpty(b) &&
  (a.endedOn === null || a.endedOn > b.startedOn) &&
  (b.endedOn === null || b.endedOn > a.startedOn)

export const dayOr = (day: string | undefined, fallback: Date): Date => (day ? dateOnlyToDate(day) : fallback)

/** PERIOD_EXISTS when the new period overlaps one already recorded. */
export const assertNoOverlap = (recorded: readonly Span[], span: Span) => {
  const clash = recorded.find((r) => overlaps(r, span))
  if (!clash) return
  const isOpen = clash.endedOn === null || clash.endedOn > today()
  throw new AppError('PERIOD_EXISTS', isOpen ? {} : { message: '与已结束的同一职务或岗位时间重叠，请核对开始日期' })
}

/**
 * The day a period ends on: default today; never before it started; PERIOD_ENDED if it has ended;
 * PERIOD_EXISTS if, so ended, it would overlap another of its kind (`others`).
 */
export const endDayOf = (period: Span, endedOn: string | undefined, others: readonly Span[]): Date => {
  const day = today()
  if (period.endedOn !== null && period.endedOn <= day) throw new AppError('PERIOD_ENDED')
  const end = dayOr(endedOn, day)
  if (end < period.startedOn) throw fieldError('endedOn', '结束日期不能早于开始日期')
  assertNoOverlap(others, { startedOn: period.startedOn, endedOn: end })
  return end
}
