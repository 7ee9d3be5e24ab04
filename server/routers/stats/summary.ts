import { statsSummary } from '../../services/stats/summary'
import { staffProcedure } from '../../trpc'
import { ZStatsSummaryRequestSchema } from './summary.types'

export const statsSummaryRoute = staffProcedure
  .input(ZStatsSummaryRequestSchema)
  .query(({ ctx, input }) => statsSummary({ ctx, input }))
