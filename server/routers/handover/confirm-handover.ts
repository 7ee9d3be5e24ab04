import { ZConfirmHandoverRequestSchema } from '../../../common/contracts/handover/confirm-handover'
import { confirmHandover } from '../../services/handovers/confirm-handover'
import { residentProcedure } from '../../trpc'

export const confirmHandoverRoute = residentProcedure
  .input(ZConfirmHandoverRequestSchema)
  .mutation(({ ctx, input }) => confirmHandover({ ctx, householdId: ctx.householdId, input }))
