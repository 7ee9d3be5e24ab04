import { router } from '../../trpc'
import { statsSummaryRoute } from './summary'

export const statsRouter = router({ summary: statsSummaryRoute })
