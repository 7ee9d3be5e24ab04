// The routes that take a file upload (imports, photos) live in a scope of their own: multipart is
// accepted there only, so the API stays JSON-only (build-server.ts), and any other body is left
// unread, so that the handler can answer it in Chinese.
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'

export const registerUploadScope = (
  app: FastifyInstance,
  maxBytes: number,
  routes: (scope: FastifyInstance) => void | Promise<void>,
) =>
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1 } })
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null))
    await routes(scope)
  })
