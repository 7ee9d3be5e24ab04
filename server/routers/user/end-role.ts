import { ZEndPeriodRequestSchema } from '../../../common/contracts/user/end-period'
import { endRole } from '../../services/users/end-role'
import { secretaryProcedure } from '../../trpc'

export const endRoleRoute = secretaryProcedure
  .input(ZEndPeriodRequestSchema)
  .mutation(({ ctx, input }) => endRole({ ctx, input }))
