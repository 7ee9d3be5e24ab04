import { ZSubmitNeedRequestSchema } from '../../../common/contracts/resident/submit-need'
import { submitNeed } from '../../services/residents/resident-needs'
import { residentProcedure } from '../../trpc'

export const submitNeedRoute = residentProcedure
  .input(ZSubmitNeedRequestSchema)
  .mutation(({ ctx, input }) => submitNeed({ ctx, input }))
