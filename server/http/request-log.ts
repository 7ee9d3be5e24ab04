// The request log: one line per request, once it is answered, with the request id (the child
// logger's `reqId`), the method, the path without its query string and the client's address
// (logger.ts's `req`), the status, the time taken (`responseTime`, ms) and the signed-in user's id
// (`userId`, when there was one). Fastify's default writes two lines a request (one on arrival,
// one on completion), the arrival's carrying nothing the completion's does not: at the server's
// busiest, writing and serialising that second line was a cost of its own for no information.
// Fastify's other lines (errors, premature closes, routes not found) are its own, unchanged. A
// request whose client leaves before the answer gets its line then (`request aborted`,
// logIfAborted): without the arrival's line it would otherwise leave none.
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { requestUserOf } from './request-user'

/**
 * An onRequest hook: a request whose client leaves before the answer is sent gets its line then
 * (`request aborted`); Fastify logs no completion for it.
 */
export const logIfAborted = async (req: FastifyRequest, reply: FastifyReply) => {
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) req.log.info({ req, userId: requestUserOf(req) }, 'request aborted')
  })
}

export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(req)) return
    const line = {
      req,
      res: reply,
      responseTime: reply.elapsedTime,
      userId: requestUserOf(req),
    }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
