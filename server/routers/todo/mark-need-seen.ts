import { ZMarkNeedSeenRequestSchema } from '../../../common/contracts/todo/mark-need-seen'
import { markNeedSeen } from '../../services/todos/resident-todos'
import { residentProcedure } from '../../trpc'

export const markNeedSeenRoute = residentProcedure
  .input(ZMarkNeedSeenRequestSchema)
  .mutation(({ ctx, input }) => markNeedSeen({ ctx, householdId: ctx.householdId, needId: input.needId }))
