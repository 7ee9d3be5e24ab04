import { bindHousehold } from '../../services/residents/bind-household'
import { authedProcedure } from '../../trpc'
import { ZBindHouseholdRequestSchema } from './bind-household.types'

export const bindHouseholdRoute = authedProcedure
  .input(ZBindHouseholdRequestSchema)
  .mutation(({ ctx, input }) => bindHousehold({ ctx, input }))
