import { ZLoginWithPasswordRequestSchema } from '../../../common/contracts/auth/login-with-password'
import { PROOFS } from '../../services/auth/auth-attempts'
import { loginWithPassword } from '../../services/auth/login'
import { publicProcedure } from '../../trpc'

export const loginWithPasswordRoute = publicProcedure
  .meta({ proof: PROOFS.passwordLogin })
  .input(ZLoginWithPasswordRequestSchema)
  .mutation(({ ctx, input }) => loginWithPassword({ ctx, input }))
