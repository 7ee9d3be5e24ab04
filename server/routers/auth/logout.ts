import { revokeSession } from '../../services/auth/sessions'
import { authedProcedure } from '../../trpc'

export const logoutRoute = authedProcedure.meta({ beforePasswordChange: true }).mutation(async ({ ctx }) => {
  if (ctx.sessionId) await revokeSession(ctx.db, ctx.sessionId)
  return { ok: true as const }
})
