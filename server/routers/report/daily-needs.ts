import { ZDailyNeedsReportRequestSchema } from '../../../common/contracts/report/daily-needs'
import { dailyNeedsReport } from '../../services/reports/daily-needs'
import { staffProcedure } from '../../trpc'

/** 有诉必应日报: staff, as stats.summary, each within their needScope. */
export const reportDailyNeedsRoute = staffProcedure
  .input(ZDailyNeedsReportRequestSchema)
  .query(({ ctx, input }) => dailyNeedsReport({ ctx, input }))
