import { ZUpdateNeedRequestSchema } from '../../../common/contracts/need/update-need'
import { updateNeed } from '../../services/needs/update-need'
import { cadreProcedure } from '../../trpc'

export const updateNeedRoute = cadreProcedure
  .input(ZUpdateNeedRequestSchema)
  .mutation(({ ctx, input }) => updateNeed({ ctx, input }))
