import { listMyNeeds } from '../../services/residents/resident-needs'
import { residentProcedure } from '../../trpc'
import { ZListMyNeedsRequestSchema } from './list-my-needs.types'

export const listMyNeedsRoute = residentProcedure
  .input(ZListMyNeedsRequestSchema)
  .query(({ ctx, input }) => listMyNeeds({ ctx, input }))
