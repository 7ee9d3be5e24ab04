import { ZEndPeriodRequestSchema } from '../../../common/contracts/user/end-period'
import { endPost } from '../../services/users/end-post'
import { secretaryProcedure } from '../../trpc'

export const endPostRoute = secretaryProcedure
  .input(ZEndPeriodRequestSchema)
  .mutation(({ ctx, input }) => endPost({ ctx, input }))
