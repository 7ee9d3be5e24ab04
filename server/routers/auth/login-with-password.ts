import { loginWithPassword } from '../../services/auth/login'
import { publicProcedure } from '../../trpc'
import { ZLoginWithPasswordRequestSchema } from './login-with-password.types'

export const loginWithPasswordRoute = publicProcedure
  .input(ZLoginWithPasswordRequestSchema)
  .mutation(({ ctx, input }) => loginWithPassword({ ctx, input }))
