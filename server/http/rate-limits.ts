// Request-rate limits at the HTTP layer, before tRPC runs (docs/security.md):
//   - every request: RATE_LIMIT_PER_IP_PER_MINUTE per client IP, generous enough for a village
//     office behind one address (set TRUST_PROXY behind a reverse proxy, or every client shares
//     the proxy's address);
//   - login calls: LOGIN_REQUESTS_PER_MINUTE per IP, charged per call in a batch, since each costs
//     a password hash.
// The per-user limit needs the session, so it is a tRPC middleware (server/trpc.ts). Failed
// logins are also locked out per phone and per IP in the database (auth-attempts.ts); these
// in-memory limits only shed floods, per instance.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { APP_ERRORS } from '../errors'
import type { SecurityPolicy } from '../security-policy'
import { trpcErrorBody } from './trpc-errors'

/** The calls of a tRPC request, from the matched route's (decoded) path parameter. */
export const trpcCallsOf = (req: FastifyRequest): string[] =>
  ((req.params as { path?: string } | undefined)?.path ?? '').split(',').filter(Boolean)

/** Answers 429 and returns true when the request is over a limit. */
export type IsOverLimit = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>

/** A route's onRequest hook: the per-IP limit, as on the API (build-server.ts applies it to /trpc). */
export const limitedBy = (isOverLimit: IsOverLimit) => async (req: FastifyRequest, reply: FastifyReply) => {
  if (await isOverLimit(req, reply)) return reply
}

export const registerRateLimits = async (app: FastifyInstance, policy: SecurityPolicy): Promise<IsOverLimit> => {
  await app.register(rateLimit, { global: false })
  const perIp = app.createRateLimit({
    max: policy.requestsPerMinutePerIp,
    timeWindow: 60_000,
    keyGenerator: (req) => `ip:${req.ip}`,
  })
  const loginPerIp = app.createRateLimit({
    max: policy.loginRequestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `login:${req.ip}`,
  })

  return async (req, reply) => {
    const logins = trpcCallsOf(req).filter((path) => path.startsWith('auth.login')).length
    const checks = [perIp, ...Array.from({ length: logins }, () => loginPerIp)]
    for (const limit of checks) {
      const verdict = await limit(req)
      if (verdict.isAllowed || !verdict.isExceeded) continue
      const { message } = APP_ERRORS.RATE_LIMITED
      reply
        .code(429)
        .header('retry-after', String(verdict.ttlInSeconds))
        .send(trpcErrorBody('TOO_MANY_REQUESTS', 429, 'RATE_LIMITED', message, req.id))
      return true
    }
    return false
  }
}
