import { ZUserActionRequestSchema } from '../../../common/contracts/user/user-action'
import { reactivateUser } from '../../services/users/reactivate-user'
import { secretaryProcedure } from '../../trpc'

export const reactivateUserRoute = secretaryProcedure
  .input(ZUserActionRequestSchema)
  .mutation(({ ctx, input }) => reactivateUser({ ctx, input }))
