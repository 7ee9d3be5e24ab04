import { submitNeed } from '../../services/residents/resident-needs'
import { residentProcedure } from '../../trpc'
import { ZSubmitNeedRequestSchema } from './submit-need.types'

export const submitNeedRoute = residentProcedure
  .input(ZSubmitNeedRequestSchema)
  .mutation(({ ctx, input }) => submitNeed({ ctx, input }))
