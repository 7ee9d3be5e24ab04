import { ZListHandoversRequestSchema } from '../../../common/contracts/handover/list-handovers'
import { listHandovers } from '../../services/handovers/list-handovers'
import { staffProcedure } from '../../trpc'

export const listHandoversRoute = staffProcedure
  .input(ZListHandoversRequestSchema)
  .query(({ ctx, input }) => listHandovers({ ctx, input }))
