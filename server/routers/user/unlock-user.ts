import { ZUserRequestSchema } from '../../../common/contracts/user/user-action'
import { unlockUser } from '../../services/users/unlock-user'
import { secretaryProcedure } from '../../trpc'

export const unlockUserRoute = secretaryProcedure
  .input(ZUserRequestSchema)
  .mutation(({ ctx, input }) => unlockUser({ ctx, input }))
