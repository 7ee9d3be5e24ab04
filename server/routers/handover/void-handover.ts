import { ZVoidHandoverRequestSchema } from '../../../common/contracts/handover/void-handover'
import { voidHandover } from '../../services/handovers/void-handover'
import { staffProcedure } from '../../trpc'

export const voidHandoverRoute = staffProcedure
  .input(ZVoidHandoverRequestSchema)
  .mutation(({ ctx, input }) => voidHandover({ ctx, input }))
