// Response headers that keep the H5 app and the API safe to serve (docs/security.md):
//   - the app's pages get a Content-Security-Policy that allows only our own origin, plus the
//     hash of each inline script the build put in index.html (Taro's rem set-up);
//   - every response gets nosniff and a strict referrer policy;
//   - API answers hold personal data, so no cache may keep them.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'

const inlineScriptHashes = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '')
        .digest('base64')}'`,
  )

export const contentSecurityPolicy = (indexHtml: string) =>
  [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(indexHtml).join(' ')}`.trim(),
    // Taro's and NutUI's components set inline styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

export const securityHeaders = (h5Root: string | undefined) => {
  const indexPath = h5Root ? path.join(h5Root, 'index.html') : undefined
  let csp: string | undefined
  const pagePolicy = () => {
    if (!indexPath) return undefined
    csp ??= contentSecurityPolicy(readFileSync(indexPath, 'utf8'))
    return csp
  }
  return async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    if (req.routeOptions.url?.startsWith('/trpc/')) {
      reply.header('cache-control', 'no-store')
      return
    }
    const policy = pagePolicy()
    if (policy) {
      reply.header('content-security-policy', policy)
      reply.header('x-frame-options', 'DENY')
    }
  }
}
