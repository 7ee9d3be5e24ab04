import { ZCreateHouseholdRequestSchema } from '../../../common/contracts/household/create-household'
import { createHousehold } from '../../services/households/create-household'
import { cadreProcedure } from '../../trpc'

export const createHouseholdRoute = cadreProcedure
  .input(ZCreateHouseholdRequestSchema)
  .mutation(({ ctx, input }) => createHousehold({ ctx, input }))
