import { ZCreateVisitRequestSchema } from '../../../common/contracts/visit/create-visit'
import { createVisit } from '../../services/visits/create-visit'
import { staffProcedure } from '../../trpc'

export const createVisitRoute = staffProcedure
  .input(ZCreateVisitRequestSchema)
  .mutation(({ ctx, input }) => createVisit({ ctx, input }))
