import { ZById } from '../../../common/contracts/fields'
import { getUser } from '../../services/users/get-user'
import { secretaryProcedure } from '../../trpc'

export const getUserRoute = secretaryProcedure.input(ZById).query(({ ctx, input }) => getUser({ ctx, id: input.id }))
