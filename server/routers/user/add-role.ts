import { ZAddRoleRequestSchema } from '../../../common/contracts/user/add-role'
import { addRole } from '../../services/users/add-role'
import { secretaryProcedure } from '../../trpc'

export const addRoleRoute = secretaryProcedure
  .input(ZAddRoleRequestSchema)
  .mutation(({ ctx, input }) => addRole({ ctx, input }))
