import { ZChangePasswordRequestSchema } from '../../../common/contracts/auth/change-password'
import { PROOFS } from '../../services/auth/auth-attempts'
import { changePassword } from '../../services/auth/change-password'
import { authedProcedure } from '../../trpc'

export const changePasswordRoute = authedProcedure
  .meta({ proof: PROOFS.currentPassword, beforePasswordChange: true })
  .input(ZChangePasswordRequestSchema)
  .mutation(({ ctx, input }) => changePassword({ ctx, input }))
