// Request-rate limits on /trpc, before any procedure runs (docs/security.md):
//   - every call: RATE_LIMIT_PER_MINUTE per session, or per IP without one;
//   - logins: a tighter per-IP limit, since each one costs a password hash.
// Failed logins are also locked out per phone and per IP in the database (auth-attempts.ts);
// these in-memory limits only shed floods, per instance.
import { createHash } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { APP_ERRORS } from '../errors'
import type { SecurityPolicy } from '../security-policy'
import { trpcErrorBody } from './trpc-errors'

/** The session's token, hashed (the token itself is never kept), or the IP. */
const callerKey = (req: FastifyRequest) => {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return `s:${createHash('sha256').update(header).digest('base64url')}`
  return `ip:${req.ip}`
}

const isLogin = (req: FastifyRequest) => /^\/trpc\/[^?]*auth\.login/.test(req.url)

export const registerRateLimits = async (app: FastifyInstance, policy: SecurityPolicy) => {
  await app.register(rateLimit, { global: false })
  const perCaller = app.createRateLimit({
    max: policy.requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: callerKey,
  })
  const loginPerIp = app.createRateLimit({
    max: policy.loginRequestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `login:${req.ip}`,
  })

  /** Answers 429 and returns true when the request is over a limit. */
  return async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    for (const limit of isLogin(req) ? [loginPerIp, perCaller] : [perCaller]) {
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
