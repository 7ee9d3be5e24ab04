import { ZListVisitsRequestSchema } from '../../../common/contracts/visit/list-visits'
import { listVisits } from '../../services/visits/list-visits'
import { staffProcedure } from '../../trpc'

export const listVisitsRoute = staffProcedure
  .input(ZListVisitsRequestSchema)
  .query(({ ctx, input }) => listVisits({ ctx, input }))
