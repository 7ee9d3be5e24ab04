import { createNeed } from '../../services/needs/create-need'
import { staffProcedure } from '../../trpc'
import { ZCreateNeedRequestSchema } from './create-need.types'

export const createNeedRoute = staffProcedure
  .input(ZCreateNeedRequestSchema)
  .mutation(({ ctx, input }) => createNeed({ ctx, input }))
