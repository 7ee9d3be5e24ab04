import { ZCreateNeedRequestSchema } from '../../../common/contracts/need/create-need'
import { createNeed } from '../../services/needs/create-need'
import { staffProcedure } from '../../trpc'

export const createNeedRoute = staffProcedure
  .meta({ writesInOneStatement: true })
  .input(ZCreateNeedRequestSchema)
  .mutation(({ ctx, input }) => createNeed({ ctx, input, retryKey: ctx.retryKey }))
