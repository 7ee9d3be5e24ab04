import { ZCreateActivityRequestSchema } from '../../../common/contracts/activity/create-activity'
import { createActivity } from '../../services/activities/create-activity'
import { secretaryProcedure } from '../../trpc'

export const createActivityRoute = secretaryProcedure
  .input(ZCreateActivityRequestSchema)
  .mutation(({ ctx, input }) => createActivity({ ctx, input }))
