import { updateNeed } from '../../services/needs/update-need'
import { cadreProcedure } from '../../trpc'
import { ZUpdateNeedRequestSchema } from './update-need.types'

export const updateNeedRoute = cadreProcedure
  .input(ZUpdateNeedRequestSchema)
  .mutation(({ ctx, input }) => updateNeed({ ctx, input }))
