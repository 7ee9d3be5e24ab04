import { ZUpdateHouseholdRequestSchema } from '../../../common/contracts/household/update-household'
import { updateHousehold } from '../../services/households/update-household'
import { cadreProcedure } from '../../trpc'

export const updateHouseholdRoute = cadreProcedure
  .input(ZUpdateHouseholdRequestSchema)
  .mutation(({ ctx, input }) => updateHousehold({ ctx, input }))
