import { ZById } from '../../../common/contracts/fields'
import { getHandover } from '../../services/handovers/get-handover'
import { staffProcedure } from '../../trpc'

export const getHandoverRoute = staffProcedure
  .input(ZById)
  .query(({ ctx, input }) => getHandover({ ctx, id: input.id }))
