import { ZHouseholdRosterRequestSchema } from '../../../common/contracts/household/household-roster'
import { householdRoster } from '../../services/households/household-roster'
import { staffProcedure } from '../../trpc'

export const householdRosterRoute = staffProcedure
  .input(ZHouseholdRosterRequestSchema)
  .query(({ ctx, input }) => householdRoster({ ctx, input }))
