import { router } from '../../trpc'
import { reportDailyNeedsRoute } from './daily-needs'

export const reportRouter = router({ dailyNeeds: reportDailyNeedsRoute })
