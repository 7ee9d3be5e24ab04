import { listVisits } from '../../services/visits/list-visits'
import { staffProcedure } from '../../trpc'
import { ZListVisitsRequestSchema } from './list-visits.types'

export const listVisitsRoute = staffProcedure
  .input(ZListVisitsRequestSchema)
  .query(({ ctx, input }) => listVisits({ ctx, input }))
