import { ZUpdateUserRequestSchema } from '../../../common/contracts/user/update-user'
import { updateUser } from '../../services/users/update-user'
import { secretaryProcedure } from '../../trpc'

export const updateUserRoute = secretaryProcedure
  .input(ZUpdateUserRequestSchema)
  .mutation(({ ctx, input }) => updateUser({ ctx, input }))
