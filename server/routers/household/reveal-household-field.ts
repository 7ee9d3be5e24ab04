import { revealHouseholdField } from '../../services/households/reveal-household-field'
import { cadreProcedure } from '../../trpc'
import { ZRevealHouseholdFieldRequestSchema } from './reveal-household-field.types'

export const revealHouseholdFieldRoute = cadreProcedure
  .input(ZRevealHouseholdFieldRequestSchema)
  .mutation(({ ctx, input }) => revealHouseholdField({ ctx, input }))
