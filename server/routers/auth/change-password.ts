import { changePassword } from '../../services/auth/change-password'
import { authedProcedure } from '../../trpc'
import { ZChangePasswordRequestSchema } from './change-password.types'

export const changePasswordRoute = authedProcedure
  .input(ZChangePasswordRequestSchema)
  .mutation(({ ctx, input }) => changePassword({ ctx, input }))
