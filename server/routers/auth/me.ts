import { describeUser } from '../../services/auth/describe-user'
import { authedProcedure } from '../../trpc'

export const meRoute = authedProcedure.query(({ ctx }) => describeUser(ctx.db, ctx.actor))
