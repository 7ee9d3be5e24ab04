import { createVisit } from '../../services/visits/create-visit'
import { staffProcedure } from '../../trpc'
import { ZCreateVisitRequestSchema } from './create-visit.types'

export const createVisitRoute = staffProcedure
  .input(ZCreateVisitRequestSchema)
  .mutation(({ ctx, input }) => createVisit({ ctx, input }))
