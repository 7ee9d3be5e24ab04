import { createActivity } from '../../services/activities/create-activity'
import { secretaryProcedure } from '../../trpc'
import { ZCreateActivityRequestSchema } from './create-activity.types'

export const createActivityRoute = secretaryProcedure
  .input(ZCreateActivityRequestSchema)
  .mutation(({ ctx, input }) => createActivity({ ctx, input }))
