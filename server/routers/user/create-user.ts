import { ZCreateUserRequestSchema } from '../../../common/contracts/user/create-user'
import { createUser } from '../../services/users/create-user'
import { secretaryProcedure } from '../../trpc'

export const createUserRoute = secretaryProcedure
  .input(ZCreateUserRequestSchema)
  .mutation(({ ctx, input }) => createUser({ ctx, input }))
