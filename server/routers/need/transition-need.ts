import { ZTransitionNeedRequestSchema } from '../../../common/contracts/need/transition-need'
import { transitionNeed } from '../../services/needs/transition-need'
import { cadreProcedure } from '../../trpc'

export const transitionNeedRoute = cadreProcedure
  .input(ZTransitionNeedRequestSchema)
  .mutation(({ ctx, input }) => transitionNeed({ ctx, input }))
