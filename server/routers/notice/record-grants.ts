import { ZRecordGrantsRequestSchema } from '../../../common/contracts/notice/record-grants'
import { recordGrants } from '../../services/notices/record-grants'
import { authedProcedure } from '../../trpc'

export const recordGrantsRoute = authedProcedure
  .input(ZRecordGrantsRequestSchema)
  .mutation(({ ctx, input }) => recordGrants({ ctx, input }))
