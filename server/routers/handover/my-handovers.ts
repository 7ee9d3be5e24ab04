import { listMyHandovers } from '../../services/handovers/list-handovers'
import { residentProcedure } from '../../trpc'

export const myHandoversRoute = residentProcedure.query(({ ctx }) =>
  listMyHandovers({ ctx, householdId: ctx.householdId }),
)
