import { ZListUsersRequestSchema } from '../../../common/contracts/user/list-users'
import { listUsers } from '../../services/users/list-users'
import { secretaryProcedure } from '../../trpc'

export const listUsersRoute = secretaryProcedure
  .input(ZListUsersRequestSchema)
  .query(({ ctx, input }) => listUsers({ ctx, input }))
