// Requests refused before any procedure or route handler runs — by our own checks (a method other
// than POST on the API, not JSON, a batch over the cap) or by Fastify and Node (a body over the
// limit, a URL the router cannot take, an HTTP message that does not parse, a path with no route) —
// answered in the shape their client reads, in Chinese, with the request id in the body and in
// `x-request-id`, and the API's security headers:
//   - under /trpc, tRPC's error shape through the wire format (trpc-errors.ts). The app's tRPC
//     client reads nothing else: any other body is "Unable to transform response", which the
//     offline queue would take for no network and retry for ever;
//   - elsewhere, the plain routes' JSON shape (http-errors.ts).
// None of these is logged as an error: they are the client's doing, and every request is logged
// anyway. Only a fault of ours (a 500) is.
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { HttpErrorBody } from '../../common/contracts/errors'
import { internalErrorMessage } from '../errors'
import { trpcErrorBody } from './trpc-errors'

type Refusal = { status: number; trpc: TRPC_ERROR_CODE_KEY; appCode: string; message: string }

const refusal = (status: number, trpc: TRPC_ERROR_CODE_KEY, appCode: string, message: string): Refusal => ({
  status,
  trpc,
  appCode,
  message,
})

const REFUSALS = {
  methodNotAllowed: refusal(405, 'METHOD_NOT_SUPPORTED', 'METHOD_NOT_SUPPORTED', '请求方式不正确，请更新应用后重试'),
  notJson: refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE', '请求格式不正确，请更新应用后重试'),
  batchTooLarge: (max: number) => refusal(400, 'BAD_REQUEST', 'BATCH_TOO_LARGE', `一次最多 ${max} 项请求，请分批提交`),
  bodyTooLarge: (limitBytes: number) =>
    refusal(
      413,
      'PAYLOAD_TOO_LARGE',
      'PAYLOAD_TOO_LARGE',
      `提交的内容超过 ${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MB，请删减后再提交`,
    ),
  urlTooLong: refusal(414, 'BAD_REQUEST', 'URI_TOO_LONG', '请求地址过长，请分批提交或更新应用后重试'),
  headersTooLarge: refusal(431, 'BAD_REQUEST', 'HEADERS_TOO_LARGE', '请求过大，请分批提交或更新应用后重试'),
  badUrl: refusal(400, 'BAD_REQUEST', 'BAD_URL', '请求地址不正确，请更新应用后重试'),
  malformed: refusal(400, 'BAD_REQUEST', 'MALFORMED_REQUEST', '请求不完整或格式有误，请重试'),
  timeout: refusal(408, 'TIMEOUT', 'REQUEST_TIMEOUT', '请求超时，请检查网络后重试'),
  noProcedure: refusal(404, 'NOT_FOUND', 'NOT_FOUND', '请求的功能不存在，请更新应用后重试'),
  // The H5 app routes by hash: no page has a path of its own, so this is a mistyped or probed URL.
  noFile: refusal(404, 'NOT_FOUND', 'NOT_FOUND', '访问的地址不存在，请从首页打开应用'),
} as const

const internal = (requestId: string): Refusal =>
  refusal(500, 'INTERNAL_SERVER_ERROR', 'INTERNAL', internalErrorMessage(requestId))

/**
 * Whether a URL is the API's, for refusals made before (or without) a route: decided on the
 * decoded path, since /%74rpc/… reaches the same route.
 */
const isTrpcUrl = (url: string): boolean => {
  let path = url
  try {
    path = decodeURIComponent(url)
  } catch {
    // Not decodable: judged as written.
  }
  return /^\/trpc(?:[/?#]|$)/.test(path)
}

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

const bodyOf = (refused: Refusal, requestId: string, isTrpc: boolean) => {
  if (isTrpc) return trpcErrorBody(refused.trpc, refused.status, refused.appCode, refused.message, requestId)
  const body: HttpErrorBody = { error: { code: refused.appCode, message: refused.message, requestId } }
  return body
}

/** Sends the refusal, in tRPC's shape for the API (by default decided from the URL). */
const sendRefusal = (reply: FastifyReply, refused: Refusal, isTrpc: boolean = isTrpcUrl(reply.request.url)) => {
  const requestId = String(reply.request.id)
  if (refused.status === 405) reply.header('allow', 'POST')
  return reply
    .code(refused.status)
    .headers({ ...API_HEADERS, 'x-request-id': requestId })
    .header('content-type', 'application/json; charset=utf-8')
    .send(bodyOf(refused, requestId, isTrpc))
}

/**
 * The API's own checks, before the rate limits: POST only (inputs hold personal data, which in a
 * query string would end up in access logs and proxies), JSON only (no form posts from another
 * site, no uploads), and no more calls in a batch than the cap. True once the refusal is sent.
 */
export const refuseBeforeTrpc = (req: FastifyRequest, reply: FastifyReply, maxBatchSize: number): boolean => {
  if (req.method !== 'POST') {
    sendRefusal(reply, REFUSALS.methodNotAllowed, true)
    return true
  }
  if (!/^application\/json\s*(?:;|$)/i.test(req.headers['content-type'] ?? '')) {
    sendRefusal(reply, REFUSALS.notJson, true)
    return true
  }
  const isBatch = (req.query as { batch?: unknown } | undefined)?.batch === '1'
  const calls = ((req.params as { path?: string } | undefined)?.path ?? '').split(',').length
  if (isBatch && calls > maxBatchSize) {
    sendRefusal(reply, REFUSALS.batchTooLarge(maxBatchSize), true)
    return true
  }
  return false
}

/** Paths with no route: the API's in its shape (a method it does not take is a 405 there). */
export const refuseNotFound = (req: FastifyRequest, reply: FastifyReply) => {
  if (!isTrpcUrl(req.url)) return sendRefusal(reply, REFUSALS.noFile, false)
  return sendRefusal(reply, req.method === 'POST' ? REFUSALS.noProcedure : REFUSALS.methodNotAllowed, true)
}

/**
 * The API's error handler: Fastify's refusals while reading a request's body, and anything a
 * handler throws (a 500, logged, with only the request id for the user).
 */
export const refuseTrpcError = (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
  const status = error.statusCode ?? 500
  if (status >= 500) {
    req.log.error({ err: error }, 'request failed')
    return sendRefusal(reply, internal(String(req.id)), true)
  }
  req.log.info({ err: { code: error.code, message: error.message } }, 'request refused')
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendRefusal(reply, REFUSALS.bodyTooLarge(req.routeOptions.bodyLimit), true)
  if (status === 415) return sendRefusal(reply, REFUSALS.notJson, true)
  return sendRefusal(reply, { ...REFUSALS.malformed, status }, true)
}

/**
 * Fastify's `frameworkErrors`: a URL its router cannot take (bad percent-encoding, a path
 * parameter over `maxParamLength`, e.g. a batch of too many calls). No hook has run for these.
 */
export const refuseFrameworkError = (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
  if (error.code === 'FST_ERR_BAD_URL') return sendRefusal(reply, REFUSALS.badUrl)
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendRefusal(reply, REFUSALS.urlTooLong)
  req.log.error({ err: error }, 'request failed')
  return sendRefusal(reply, internal(String(req.id)))
}

/** The start of the request's target, when its request line is still in the packet Node could not parse. */
const targetOf = (rawPacket: unknown): string | undefined =>
  Buffer.isBuffer(rawPacket) ? /^[A-Z]+ (\/\S*)/.exec(rawPacket.toString('latin1', 0, 1024))?.[1] : undefined

/**
 * Fastify's `clientErrorHandler`: an HTTP message Node cannot parse (headers over the size limit,
 * a Content-Length that does not match the body) or that took too long. There is no request yet:
 * the answer is written to the socket, as Fastify's default handler does, then the socket closed.
 */
export const refuseClientError =
  (log: Pick<FastifyBaseLogger, 'info'>) => (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const refused =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? REFUSALS.headersTooLarge
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? REFUSALS.timeout
          : REFUSALS.malformed
    const requestId = randomUUID()
    const target = targetOf(error.rawPacket)
    log.info(
      { reqId: requestId, err: { code: error.code }, url: target?.split('?')[0]?.slice(0, 200) },
      'malformed request refused',
    )
    if (socket.writable) {
      const body = JSON.stringify(bodyOf(refused, requestId, target !== undefined && isTrpcUrl(target)))
      const headers = {
        ...API_HEADERS,
        'x-request-id': requestId,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
      }
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
      socket.write(`HTTP/1.1 ${refused.status} ${STATUS_CODES[refused.status]}\r\n${head.join('')}\r\n${body}`)
    }
    socket.destroy(error)
  }
