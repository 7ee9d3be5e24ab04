import { ZUserRequestSchema } from '../../../common/contracts/user/user-action'
import { resetPassword } from '../../services/users/reset-password'
import { secretaryProcedure } from '../../trpc'

export const resetPasswordRoute = secretaryProcedure
  .input(ZUserRequestSchema)
  .mutation(({ ctx, input }) => resetPassword({ ctx, input }))
