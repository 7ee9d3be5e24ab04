import { ZRevealHouseholdFieldRequestSchema } from '../../../common/contracts/household/reveal-household-field'
import { revealHouseholdField } from '../../services/households/reveal-household-field'
import { cadreProcedure } from '../../trpc'

export const revealHouseholdFieldRoute = cadreProcedure
  // Every reveal is written to the audit log, so none is answered from a stored result.
  .meta({ replayable: false })
  .input(ZRevealHouseholdFieldRequestSchema)
  .mutation(({ ctx, input }) => revealHouseholdField({ ctx, input }))
