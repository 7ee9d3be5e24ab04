import { ZListHouseholdsRequestSchema } from '../../../common/contracts/household/list-households'
import { listHouseholds } from '../../services/households/list-households'
import { staffProcedure } from '../../trpc'

export const listHouseholdsRoute = staffProcedure
  .input(ZListHouseholdsRequestSchema)
  .query(({ ctx, input }) => listHouseholds({ ctx, input }))
