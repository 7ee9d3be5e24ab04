import { ZAddPostRequestSchema } from '../../../common/contracts/user/add-post'
import { addPost } from '../../services/users/add-post'
import { secretaryProcedure } from '../../trpc'

export const addPostRoute = secretaryProcedure
  .input(ZAddPostRequestSchema)
  .mutation(({ ctx, input }) => addPost({ ctx, input }))
