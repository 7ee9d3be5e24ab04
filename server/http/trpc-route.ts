// tRPC at /trpc/:path. The app's calls — a POST of JSON, one call or a batch — are answered by
// trpc-plain-calls.ts, the way tRPC's resolveResponse would answer them but without a web Request
// and Response per request (the whole of tRPC's overhead over a bare route, docs/benchmarks.md).
// Anything else is mounted the way @trpc/server's Fastify adapter mounts it (the body kept as text
// for tRPC to parse, a web Request built with `incomingMessageToRequest`, the answer from
// `resolveResponse`), with one difference: the answer goes out as one string with its
// Content-Length. Handed a web Response, Fastify pipes its body stream chunk by chunk.
// The app's httpBatchLink never asks for a streamed answer; one that did would get it whole.
// Requests that never reach a procedure (a method other than POST, a body too large, a batch over
// the cap…) are refused before this route runs, in tRPC's shape (http-refusals.ts).
import type { IncomingMessage } from 'node:http'
import type { AnyTRPCRouter } from '@trpc/server'
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http'
import { resolveResponse } from '@trpc/server/http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type AppDeps, createContext } from '../context'
import { refuseTrpcError } from './http-refusals'
import { plainCalls, plainCallsAnswerer, retryAfterOf } from './trpc-plain-calls'

export type TrpcRouteOptions = {
  router: AnyTRPCRouter
  /**
   * 'resolve-response': every call through tRPC's resolveResponse, as its own adapters do; for
   * measuring what the plain-calls path saves (bench/trpc-overhead.ts). Default 'plain-calls'.
   */
  answerWith?: 'plain-calls' | 'resolve-response'
}

export const registerTrpcRoute = async (
  app: FastifyInstance,
  deps: AppDeps,
  { router, answerWith = 'plain-calls' }: TrpcRouteOptions,
) => {
  const answerPlainCalls = plainCallsAnswerer(router)
  // In its own plugin scope: only these routes take JSON as text.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body))
    // Fastify's own refusals while reading the body (too large, cut short) in tRPC's shape.
    scope.setErrorHandler(refuseTrpcError)

    scope.all<{ Params: { path: string } }>('/trpc/:path', async (req, reply) => {
      const plain = answerWith === 'plain-calls' ? plainCalls(req, req.params.path, deps.security.maxBatchSize) : null
      if (plain) {
        const aborter = new AbortController()
        reply.raw.once('close', () => {
          if (!reply.raw.writableEnded) aborter.abort()
        })
        const answer = await answerPlainCalls({
          request: plain,
          ctx: await createContext(deps, req),
          signal: aborter.signal,
          onError: (error, procedure) => logInternalError(req, error, procedure),
        })
        return reply.code(answer.status).headers(answer.headers).send(answer.body)
      }
      const message = req.raw as IncomingMessage & { body?: unknown }
      message.body = req.body
      const response = await resolveResponse({
        router,
        req: incomingMessageToRequest(message, reply.raw, { maxBodySize: null }),
        path: req.params.path,
        error: null,
        // The app sends queries as POST (see src/lib/trpc.ts); other methods are refused before.
        allowMethodOverride: true,
        // Refused before too (http-refusals.ts), with the cap in the message; kept as tRPC's own check.
        maxBatchSize: deps.security.maxBatchSize,
        createContext: () => createContext(deps, req),
        // The per-user limit is a middleware; its answer says when to come back, like the HTTP limits.
        responseMeta({ errors }) {
          const retryAfter = retryAfterOf(errors)
          return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {}
        },
        onError: ({ error, path: procedure }) => logInternalError(req, error, procedure),
      })
      reply.code(response.status)
      response.headers.forEach((value, name) => {
        reply.header(name, value)
      })
      return reply.send(response.body === null ? undefined : await response.text())
    })
  })
}

/** Users see a generic message and the request id; the details are only logged. */
export const logInternalError = (
  req: FastifyRequest,
  error: { code: string; cause?: unknown },
  procedure: string | undefined,
) => {
  if (error.code === 'INTERNAL_SERVER_ERROR')
    req.log.error({ err: error.cause ?? error, procedure }, 'procedure failed')
}
