import { ZListTodosRequestSchema } from '../../../common/contracts/todo/list-todos'
import { listTodos } from '../../services/todos/list-todos'
import { authedProcedure } from '../../trpc'

export const listTodosRoute = authedProcedure
  .input(ZListTodosRequestSchema)
  .query(({ ctx, input }) => listTodos({ ctx, limit: input.limit, settings: ctx.todos }))
