import { ZSearchHouseholdsRequestSchema } from '../../../common/contracts/household/search-households'
import { searchHouseholds } from '../../services/households/search-households'
import { staffProcedure } from '../../trpc'

export const searchHouseholdsRoute = staffProcedure
  .input(ZSearchHouseholdsRequestSchema)
  .query(({ ctx, input }) => searchHouseholds({ ctx, input }))
