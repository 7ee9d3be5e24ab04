import { ZUserActionRequestSchema } from '../../../common/contracts/user/user-action'
import { deactivateUser } from '../../services/users/deactivate-user'
import { secretaryProcedure } from '../../trpc'

export const deactivateUserRoute = secretaryProcedure
  .input(ZUserActionRequestSchema)
  .mutation(({ ctx, input }) => deactivateUser({ ctx, input }))
