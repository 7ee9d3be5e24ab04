import { ZBindHouseholdRequestSchema } from '../../../common/contracts/resident/bind-household'
import { PROOFS } from '../../services/auth/auth-attempts'
import { bindHousehold } from '../../services/residents/bind-household'
import { consentedProcedure } from '../../trpc'

export const bindHouseholdRoute = consentedProcedure
  .meta({ proof: PROOFS.householdBinding })
  .input(ZBindHouseholdRequestSchema)
  .mutation(({ ctx, input }) => bindHousehold({ ctx, input }))
