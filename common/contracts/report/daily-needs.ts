import { z } from 'zod'
import { shanghaiDate } from '../../dates'
import { REFUSE_UNKNOWN_FILTERS } from '../export/export-query'
import { ZDateOnly } from '../fields'

/**
 * The 有诉必应日报's request, for `report.dailyNeeds` and the query string of
 * GET /exports/daily-needs-report.xlsx: a day in Beijing time and, optionally, one village. Ids
 * and a date only, no personal data. Unknown parameters are refused, naming them.
 */
export const ZDailyNeedsReportRequestSchema = z.strictObject(
  {
    date: ZDateOnly.refine((day) => day <= shanghaiDate(), '日报日期不能晚于今天'),
    villageId: z.uuid('村编号格式不正确').optional(),
  },
  REFUSE_UNKNOWN_FILTERS,
)
export type TDailyNeedsReportRequest = z.infer<typeof ZDailyNeedsReportRequestSchema>
