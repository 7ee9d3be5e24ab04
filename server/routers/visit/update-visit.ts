import { ZUpdateVisitRequestSchema } from '../../../common/contracts/visit/update-visit'
import { updateVisit } from '../../services/visits/update-visit'
import { staffProcedure } from '../../trpc'

export const updateVisitRoute = staffProcedure
  .input(ZUpdateVisitRequestSchema)
  .mutation(({ ctx, input }) => updateVisit({ ctx, input }))
