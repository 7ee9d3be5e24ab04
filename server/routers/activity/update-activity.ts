import { updateActivity } from '../../services/activities/update-activity'
import { secretaryProcedure } from '../../trpc'
import { ZUpdateActivityRequestSchema } from './update-activity.types'

export const updateActivityRoute = secretaryProcedure
  .input(ZUpdateActivityRequestSchema)
  .mutation(({ ctx, input }) => updateActivity({ ctx, input }))
