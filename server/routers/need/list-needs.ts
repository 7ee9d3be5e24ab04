import { ZListNeedsRequestSchema } from '../../../common/contracts/need/list-needs'
import { listNeeds } from '../../services/needs/list-needs'
import { staffProcedure } from '../../trpc'

export const listNeedsRoute = staffProcedure
  .input(ZListNeedsRequestSchema)
  .query(({ ctx, input }) => listNeeds({ ctx, input }))
