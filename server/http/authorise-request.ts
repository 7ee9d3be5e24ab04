// Authentication for plain HTTP routes, the same as the API's: the bearer token through the same
// createContext, the per-user call limit, and the roles of the tRPC base procedure the route
// mirrors (server/trpc.ts). Routes declare their roles; handlers never check them.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../../common/enums'
import { type AppDeps, type Context, createContext } from '../context'
import { internalErrorMessage } from '../errors'
import { isDatabaseUnavailable } from '../lib/db-errors'
import { type Actor, hasRole } from '../services/auth/actor'
import { sendHttpError } from './http-errors'

export type AuthorisedContext = Context & { actor: Actor }

/** The caller's context, or null once the refusal (401, 403, 429, 503) has been sent. */
export const authorise = async (
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  roles: readonly Role[],
): Promise<AuthorisedContext | null> => {
  const ctx = await createContext(deps, req)
  if (ctx.failure) {
    if (isDatabaseUnavailable(ctx.failure)) {
      sendHttpError(reply, 'DATABASE_UNAVAILABLE')
      return null
    }
    req.log.error({ err: ctx.failure }, 'could not read the request')
    sendHttpError(reply, 'INTERNAL', { message: internalErrorMessage(ctx.requestId) })
    return null
  }
  const { actor } = ctx
  if (!actor) {
    sendHttpError(reply, ctx.sessionProblem ?? 'UNAUTHENTICATED')
    return null
  }
  if (actor.mustChangePassword) {
    sendHttpError(reply, 'PASSWORD_CHANGE_REQUIRED')
    return null
  }
  const { isAllowed, retryAfterSeconds } = ctx.callsPerUser.hit(actor.userId)
  if (!isAllowed) {
    reply.header('retry-after', String(retryAfterSeconds))
    sendHttpError(reply, 'RATE_LIMITED')
    return null
  }
  if (!hasRole(actor, ...roles)) {
    sendHttpError(reply, 'FORBIDDEN')
    return null
  }
  return { ...ctx, actor }
}
