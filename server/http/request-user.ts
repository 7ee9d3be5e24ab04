// Who made each request, as createContext read it from the session: for the request's log line
// (request-log.ts). Kept apart from the log controller so that the context does not load Fastify.
import type { FastifyRequest } from 'fastify'

const usersOfRequests = new WeakMap<FastifyRequest, string>()

/** Records the signed-in user of a request, once its session is read. */
export const noteRequestUser = (req: FastifyRequest, userId: string) => {
  usersOfRequests.set(req, userId)
}

/** The request's signed-in user, if it had one. */
export const requestUserOf = (req: FastifyRequest): string | undefined => usersOfRequests.get(req)
