import { listHouseholds } from '../../services/households/list-households'
import { staffProcedure } from '../../trpc'
import { ZListHouseholdsRequestSchema } from './list-households.types'

export const listHouseholdsRoute = staffProcedure
  .input(ZListHouseholdsRequestSchema)
  .query(({ ctx, input }) => listHouseholds({ ctx, input }))
