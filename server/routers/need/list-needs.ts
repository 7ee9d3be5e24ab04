import { listNeeds } from '../../services/needs/list-needs'
import { staffProcedure } from '../../trpc'
import { ZListNeedsRequestSchema } from './list-needs.types'

export const listNeedsRoute = staffProcedure
  .input(ZListNeedsRequestSchema)
  .query(({ ctx, input }) => listNeeds({ ctx, input }))
