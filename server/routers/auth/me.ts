import { myProfile } from '../../services/auth/describe-user'
import { authedProcedure } from '../../trpc'

export const meRoute = authedProcedure.meta({ beforePasswordChange: true }).query(({ ctx }) => myProfile(ctx))
