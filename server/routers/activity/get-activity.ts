import { ZById } from '../../../common/contracts/fields'
import { getActivity } from '../../services/activities/get-activity'
import { staffProcedure } from '../../trpc'

export const getActivityRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getActivity({ ctx, id: input.id }))
