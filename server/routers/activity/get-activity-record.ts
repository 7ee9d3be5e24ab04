import { ZById } from '../../../common/contracts/fields'
import { getActivityRecord } from '../../services/activities/get-activity-record'
import { staffProcedure } from '../../trpc'

/** 主题党日活动记录: everything the printable record sheet shows, scoped as activity.byId. */
export const getActivityRecordRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getActivityRecord({ ctx, id: input.id }))
