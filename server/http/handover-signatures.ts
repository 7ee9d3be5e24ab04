// A handover's signature (签字留证), as plain HTTP beside the photos:
//   GET /handovers/:id/signature
//        The PNG as kept (image/png, no metadata), for staff who see the handover
//        (handoverScope); NOT_FOUND otherwise, and for a handover with no signature. ETag is the
//        content hash; privately cacheable, as photos are. Signed in by `Authorization: Bearer`.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import type { AppDeps } from '../context'
import { AppError } from '../errors'
import { isDatabaseUnavailable } from '../lib/db-errors'
import { STAFF_ROLES } from '../services/auth/actor'
import { loadSignaturePng } from '../services/handovers/signature-bytes'
import { handoverScope } from '../services/scope'
import { authorise } from './authorise-request'
import { sendAppError, sendHttpError, sendInternalError } from './http-errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const sendSignatureError = (req: FastifyRequest, reply: FastifyReply, error: unknown) => {
  reply.header('cache-control', 'no-store').removeHeader('etag').removeHeader('vary')
  if (error instanceof AppError) return sendAppError(reply, error)
  if (isDatabaseUnavailable(error)) return sendHttpError(reply, 'DATABASE_UNAVAILABLE')
  return sendInternalError(req, reply, error, 'signature request')
}

export const registerSignatureRoute = (app: FastifyInstance, deps: AppDeps, onRequest: onRequestHookHandler) => {
  app.get('/handovers/:id/signature', {
    exposeHeadRoute: false,
    onRequest,
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const ctx = await authorise(deps, req, reply, STAFF_ROLES)
      if (!ctx) return reply
      const { id } = req.params as { id: string }
      try {
        if (!UUID.test(id)) throw new AppError('NOT_FOUND')
        const handover = await ctx.db.handover.findFirst({
          where: { id: id.toLowerCase(), ...handoverScope(ctx.actor) },
          select: { id: true },
        })
        if (!handover) throw new AppError('NOT_FOUND')
        const signature = await loadSignaturePng({ db: ctx.db, storage: deps.photos?.storage, handoverId: handover.id })
        if (!signature) throw new AppError('NOT_FOUND')
        const etag = `"${signature.sha256}"`
        reply.header('cache-control', 'private, max-age=3600').header('etag', etag).header('vary', 'authorization')
        const ifNoneMatch = req.headers['if-none-match']
        if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
          return reply.code(304).send()
        return reply
          .header('content-type', 'image/png')
          .header('content-disposition', 'inline')
          .header('content-length', String(signature.png.length))
          .send(signature.png)
      } catch (error) {
        return sendSignatureError(req, reply, error)
      }
    },
  })
}
