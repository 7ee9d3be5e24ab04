import { PROOFS } from '../../services/auth/auth-attempts'
import { bindHousehold } from '../../services/residents/bind-household'
import { consentedProcedure } from '../../trpc'
import { ZBindHouseholdRequestSchema } from './bind-household.types'

export const bindHouseholdRoute = consentedProcedure
  .meta({ proof: PROOFS.householdBinding })
  .input(ZBindHouseholdRequestSchema)
  .mutation(({ ctx, input }) => bindHousehold({ ctx, input }))
