import { ZStatsSummaryRequestSchema } from '../../../common/contracts/stats/summary'
import { statsSummary } from '../../services/stats/summary'
import { staffProcedure } from '../../trpc'

export const statsSummaryRoute = staffProcedure
  .input(ZStatsSummaryRequestSchema)
  .query(({ ctx, input }) => statsSummary({ ctx, input }))
