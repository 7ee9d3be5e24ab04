import { transitionNeed } from '../../services/needs/transition-need'
import { cadreProcedure } from '../../trpc'
import { ZTransitionNeedRequestSchema } from './transition-need.types'

export const transitionNeedRoute = cadreProcedure
  .input(ZTransitionNeedRequestSchema)
  .mutation(({ ctx, input }) => transitionNeed({ ctx, input }))
