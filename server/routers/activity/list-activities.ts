import { listActivities } from '../../services/activities/list-activities'
import { staffProcedure } from '../../trpc'
import { ZListActivitiesRequestSchema } from './list-activities.types'

export const listActivitiesRoute = staffProcedure
  .input(ZListActivitiesRequestSchema)
  .query(({ ctx, input }) => listActivities({ ctx, input }))
