import { ZSignHandoverRequestSchema } from '../../../common/contracts/handover/sign-handover'
import { signHandover } from '../../services/handovers/sign-handover'
import { staffProcedure } from '../../trpc'

export const signHandoverRoute = staffProcedure
  .input(ZSignHandoverRequestSchema)
  .mutation(({ ctx, input }) => signHandover({ ctx, storage: ctx.photos?.storage, input }))
