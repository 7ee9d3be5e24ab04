import { router } from '../../trpc'
import { createActivityRoute } from './create-activity'
import { getActivityRoute } from './get-activity'
import { getActivityRecordRoute } from './get-activity-record'
import { listActivitiesRoute } from './list-activities'
import { updateActivityRoute } from './update-activity'

export const activityRouter = router({
  list: listActivitiesRoute,
  byId: getActivityRoute,
  record: getActivityRecordRoute,
  create: createActivityRoute,
  update: updateActivityRoute,
})
