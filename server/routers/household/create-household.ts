import { createHousehold } from '../../services/households/create-household'
import { cadreProcedure } from '../../trpc'
import { ZCreateHouseholdRequestSchema } from './create-household.types'

export const createHouseholdRoute = cadreProcedure
  .input(ZCreateHouseholdRequestSchema)
  .mutation(({ ctx, input }) => createHousehold({ ctx, input }))
