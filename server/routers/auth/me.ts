import { describeUser } from '../../services/auth/describe-user'
import { authedProcedure } from '../../trpc'

export const meRoute = authedProcedure
  .meta({ beforePasswordChange: true })
  .query(({ ctx }) => describeUser(ctx.db, ctx.actor))
