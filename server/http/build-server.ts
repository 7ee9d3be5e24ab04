// The HTTP server: tRPC at /trpc, file exports at /exports, imports at /imports, photos at /uploads/photo and
// /photos, the invitation links' page at /invite, a health check, and the built H5 app at /.
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { AnyTRPCRouter } from '@trpc/server'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { AppDeps } from '../context'
import { appRouter } from '../routers/app-router'
import { endConnectionsOnClose } from './end-connections-on-close'
import { registerExportRoutes } from './exports'
import { refuseBeforeTrpc, refuseClientError, refuseFrameworkError, refuseNotFound } from './http-refusals'
import { registerImportRoutes } from './imports'
import { registerInvitePage } from './invite-page'
import { registerMemberRosterTemplateRoute } from './member-roster-imports'
import { registerOfflineShell } from './offline-shell'
import { registerPhotoRoutes } from './photos'
import { registerRateLimits } from './rate-limits'
import { logIfAborted, OneLinePerRequest } from './request-log'
import { securityHeaders } from './security-headers'
import { registerTrpcRoute, type TrpcRouteOptions } from './trpc-route'

export type BuildServerOptions = {
  deps: AppDeps
  logger: FastifyBaseLogger
  /** The built H5 app; served when the folder exists. */
  h5DistDir?: string | undefined
  /** Fastify's trustProxy: which forwarded hops give the client's IP (TRUST_PROXY). */
  trustProxy?: boolean | number | string[] | undefined
  /** The API's router: the app's, or a test's built from the same base procedures. */
  router?: AnyTRPCRouter
  /** How /trpc answers (trpc-route.ts); for the overhead benchmark. */
  answerTrpcWith?: TrpcRouteOptions['answerWith']
}

const BODY_LIMIT_BYTES = 1024 * 1024

/** Whether the request was routed to tRPC: decided on the matched route, not the raw URL (which
 * may be percent-encoded: /%74rpc/… reaches the same route). */
export const isTrpcRequest = (req: FastifyRequest) => req.routeOptions.url?.startsWith('/trpc/') ?? false

export const buildServer = async ({
  deps,
  logger,
  h5DistDir,
  trustProxy,
  router = appRouter,
  answerTrpcWith,
}: BuildServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    // A hop count trusts that many proxies nearest to us.
    ...(trustProxy === undefined
      ? {}
      : {
          trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
        }),
    loggerInstance: logger,
    // One line a request, once answered (request-log.ts).
    logController: new OneLinePerRequest(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // tRPC batches put many procedure names in the URL.
    routerOptions: { maxParamLength: 5000 },
    // What Fastify and Node refuse themselves, in the shape the client reads (http-refusals.ts).
    frameworkErrors: refuseFrameworkError,
    clientErrorHandler: refuseClientError(logger),
  })
  const h5Root = h5DistDir ? path.resolve(h5DistDir) : undefined
  const hasH5 = Boolean(h5Root && existsSync(path.join(h5Root, 'index.html')))
  endConnectionsOnClose(app)
  const isOverLimit = await registerRateLimits(app, deps.security)
  app.addHook('onRequest', logIfAborted)
  app.addHook('onRequest', securityHeaders(hasH5 ? h5Root : undefined))
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id)
    if (!isTrpcRequest(req)) return
    if (refuseBeforeTrpc(req, reply, deps.security.maxBatchSize)) return reply
    if (await isOverLimit(req, reply)) return reply
  })

  await registerTrpcRoute(app, deps, { router, answerWith: answerTrpcWith })

  registerExportRoutes(app, deps, isOverLimit)
  await registerImportRoutes(app, deps, isOverLimit)
  registerMemberRosterTemplateRoute(app, deps, isOverLimit)
  await registerPhotoRoutes(app, deps, isOverLimit)
  registerInvitePage(app, isOverLimit)

  app.get('/healthz', async (_req, reply) => {
    try {
      await deps.prisma.$queryRaw`SELECT 1`
      return { ok: true, db: deps.databaseKind }
    } catch {
      return reply.code(503).send({ ok: false, db: deps.databaseKind })
    }
  })

  if (h5Root && hasH5) {
    registerOfflineShell(app, h5Root)
    // Loaded only when there is an app to serve (a server of the API alone does without it).
    const { default: fastifyStatic } = await import('@fastify/static')
    // preCompressed: the build's .br and .gz copies (scripts/precompress.mjs), for browsers that take
    // them; a cache in between must keep them apart by Accept-Encoding. `index` as a list: given a
    // string, @fastify/static finds no index for / when the browser takes a compressed copy.
    await app.register(fastifyStatic, {
      root: h5Root,
      index: ['index.html'],
      wildcard: false,
      preCompressed: true,
      setHeaders: (res) => res.setHeader('vary', 'accept-encoding'),
    })
  }
  // The H5 router uses hash mode: its only page is / (and /index.html), served above with the
  // build's files; any other path is a 404, never the app's shell.
  app.setNotFoundHandler(refuseNotFound)
  return app
}
