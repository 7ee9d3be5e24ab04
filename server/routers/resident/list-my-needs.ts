import { ZListMyNeedsRequestSchema } from '../../../common/contracts/resident/list-my-needs'
import { listMyNeeds } from '../../services/residents/resident-needs'
import { residentProcedure } from '../../trpc'

export const listMyNeedsRoute = residentProcedure
  .input(ZListMyNeedsRequestSchema)
  .query(({ ctx, input }) => listMyNeeds({ ctx, input }))
