import { ZById } from '../../../common/contracts/fields'
import { getHousehold } from '../../services/households/get-household'
import { staffProcedure } from '../../trpc'

export const getHouseholdRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getHousehold({ ctx, id: input.id }))
