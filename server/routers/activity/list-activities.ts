import { ZListActivitiesRequestSchema } from '../../../common/contracts/activity/list-activities'
import { listActivities } from '../../services/activities/list-activities'
import { staffProcedure } from '../../trpc'

export const listActivitiesRoute = staffProcedure
  .input(ZListActivitiesRequestSchema)
  .query(({ ctx, input }) => listActivities({ ctx, input }))
