import { ZUpdateActivityRequestSchema } from '../../../common/contracts/activity/update-activity'
import { updateActivity } from '../../services/activities/update-activity'
import { secretaryProcedure } from '../../trpc'

export const updateActivityRoute = secretaryProcedure
  .input(ZUpdateActivityRequestSchema)
  .mutation(({ ctx, input }) => updateActivity({ ctx, input }))
