import { countTodos } from '../../services/todos/list-todos'
import { authedProcedure } from '../../trpc'

export const countTodosRoute = authedProcedure.query(({ ctx }) => countTodos({ ctx, settings: ctx.todos }))
