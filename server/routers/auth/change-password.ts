import { PROOFS } from '../../services/auth/auth-attempts'
import { changePassword } from '../../services/auth/change-password'
import { authedProcedure } from '../../trpc'
import { ZChangePasswordRequestSchema } from './change-password.types'

export const changePasswordRoute = authedProcedure
  .meta({ proof: PROOFS.currentPassword })
  .input(ZChangePasswordRequestSchema)
  .mutation(({ ctx, input }) => changePassword({ ctx, input }))
