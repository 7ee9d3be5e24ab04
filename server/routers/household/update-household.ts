import { updateHousehold } from '../../services/households/update-household'
import { cadreProcedure } from '../../trpc'
import { ZUpdateHouseholdRequestSchema } from './update-household.types'

export const updateHouseholdRoute = cadreProcedure
  .input(ZUpdateHouseholdRequestSchema)
  .mutation(({ ctx, input }) => updateHousehold({ ctx, input }))
