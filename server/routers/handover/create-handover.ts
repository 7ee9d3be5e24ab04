import { ZCreateHandoverRequestSchema } from '../../../common/contracts/handover/create-handover'
import { createHandover } from '../../services/handovers/create-handover'
import { staffProcedure } from '../../trpc'

export const createHandoverRoute = staffProcedure
  .input(ZCreateHandoverRequestSchema)
  .mutation(({ ctx, input }) => createHandover({ ctx, input }))
