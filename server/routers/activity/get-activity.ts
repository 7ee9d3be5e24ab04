import { ZById } from '../../../common/fields'
import { getActivity } from '../../services/activities/get-activity'
import { staffProcedure } from '../../trpc'

export const getActivityRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getActivity({ ctx, id: input.id }))
