import { updateVisit } from '../../services/visits/update-visit'
import { staffProcedure } from '../../trpc'
import { ZUpdateVisitRequestSchema } from './update-visit.types'

export const updateVisitRoute = staffProcedure
  .input(ZUpdateVisitRequestSchema)
  .mutation(({ ctx, input }) => updateVisit({ ctx, input }))
