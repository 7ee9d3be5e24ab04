// Requests refused before any procedure runs (server/http/http-refusals.ts), over real HTTP: each
// answered in tRPC's error shape through the wire format, in Chinese, with the request id in the
// body and in x-request-id, and the API's security headers, so that the app's tRPC client shows
// the message instead of "Unable to transform response" (which the offline queue would take for
// no network). Whatever a browser's fetch cannot send goes over a raw socket.
import net from 'node:net'
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wireFormat } from '../../common/wire-format'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { buildServer } from '../../server/http/build-server'
import { createLogger } from '../../server/lib/logger'
import type { AppRouter } from '../../server/routers/app-router'
import { CHINESE } from '../helpers/errors'
import { createWorld, TEST_PASSWORD } from '../helpers/world'

let app: FastifyInstance
let baseUrl: string
let port: number
/** What the server logged, one JSON line each. */
const logLines: string[] = []

beforeAll(async () => {
  const world = await createWorld()
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) })
  app = await buildServer({ deps: world.deps, logger })
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  port = Number(new URL(baseUrl).port)
})
afterAll(() => app.close())

type Answer = { status: number; headers: Headers; text: string }

/** Sends bytes as they are, for what fetch will not send (TRACE, a wrong Content-Length). */
const rawExchange = (request: string) =>
  new Promise<Answer>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request))
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      const [statusLine = '', ...headerLines] = head.split('\r\n')
      const headers = new Headers()
      for (const line of headerLines)
        headers.append(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim())
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') })
    })
  })

const fetched = async (path: string, init: RequestInit = {}): Promise<Answer> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

type TrpcRefusal = {
  error: {
    message: string
    code: number
    data: { code: string; httpStatus: number; appCode: string; requestId: string }
  }
}

/** The answer is tRPC's error shape, in Chinese, with the request id and the API's headers. */
const expectTrpcRefusal = (answer: Answer, status: number, appCode: string) => {
  expect(answer.status).toBe(status)
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
  expect(answer.headers.get('cache-control')).toBe('no-store')
  const { error } = JSON.parse(answer.text) as TrpcRefusal
  expect(error.message).toMatch(CHINESE)
  expect(typeof error.code).toBe('number')
  expect(error.data).toMatchObject({ httpStatus: status, appCode })
  expect(error.data.requestId).toMatch(/^[0-9a-f-]{36}$/)
  expect(answer.headers.get('x-request-id')).toBe(error.data.requestId)
  return error
}

/** The app's client (src/lib/trpc.ts): the batch link, the wire format, every call a POST. */
const appClient = (options: { fetch?: typeof fetch; methodOverride?: 'POST' } = { methodOverride: 'POST' }) =>
  createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/trpc`, transformer: wireFormat, ...options })],
  })

/** What the app's client makes of a refused call: the server's message and data, not a transform error. */
const seenByClient = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCClientError)
  const { message, data } = error as TRPCClientError<AppRouter>
  expect(message).toMatch(CHINESE)
  return { message, httpStatus: data?.httpStatus, appCode: data?.appCode }
}

/** A fetch for the client that answers with what the server sent to a raw request. */
const fetchRaw =
  (request: string): typeof fetch =>
  async () => {
    const answer = await rawExchange(request)
    return new Response(answer.text, { status: answer.status, headers: answer.headers })
  }

const errorLines = () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)

describe('methods other than POST on the API', () => {
  it('answer 405 with Allow: POST, in tRPC’s shape, and log no error', async () => {
    logLines.length = 0
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const answer = await fetched('/trpc/auth.me', { method, ...(method === 'GET' ? {} : { body: '{}' }) })
      expectTrpcRefusal(answer, 405, 'METHOD_NOT_SUPPORTED')
      expect(answer.headers.get('allow'), method).toBe('POST')
    }
    // HEAD: the same status and headers, no body.
    const head = await fetch(`${baseUrl}/trpc/auth.me`, { method: 'HEAD' })
    expect(head.status).toBe(405)
    expect(head.headers.get('allow')).toBe('POST')
    expect(head.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    // Methods fetch will not send, and one Fastify has no route for.
    for (const method of ['TRACE', 'PROPFIND']) {
      const answer = await rawExchange(`${method} /trpc/auth.me HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)
      expectTrpcRefusal(answer, 405, 'METHOD_NOT_SUPPORTED')
      expect(answer.headers.get('allow'), method).toBe('POST')
    }
    expect(errorLines()).toEqual([])
  })

  it('a client that sends queries as GET is told in Chinese', async () => {
    const seen = await seenByClient(appClient({}).auth.me.query())
    expect(seen).toEqual({
      message: '请求方式不正确，请更新应用后重试',
      httpStatus: 405,
      appCode: 'METHOD_NOT_SUPPORTED',
    })
  })
})

describe('refusals of the HTTP layer, in the app’s shape', () => {
  it('a body over the limit: 413', async () => {
    const password = 'x'.repeat(1024 * 1024 + 1)
    const answer = await fetched('/trpc/auth.loginWithPassword', {
      body: JSON.stringify({ phone: DEMO_ACCOUNTS.admin.phone, password }),
    })
    const error = expectTrpcRefusal(answer, 413, 'PAYLOAD_TOO_LARGE')
    expect(error.message).toBe('提交的内容超过 1 MB，请删减后再提交')
    const seen = await seenByClient(
      appClient().auth.loginWithPassword.mutate({ phone: DEMO_ACCOUNTS.admin.phone, password }),
    )
    expect(seen).toEqual({ message: error.message, httpStatus: 413, appCode: 'PAYLOAD_TOO_LARGE' })
  })

  it('a batch over the cap names the cap', async () => {
    const paths = Array.from({ length: 21 }, () => 'auth.me').join(',')
    const answer = await fetched(`/trpc/${paths}?batch=1`, { body: '{}' })
    const error = expectTrpcRefusal(answer, 400, 'BATCH_TOO_LARGE')
    expect(error.message).toBe('一次最多 20 项请求，请分批提交')
    // A client that batches more than the app's (src/lib/trpc.ts sends at most 10).
    const client = appClient()
    const seen = await Promise.all(Array.from({ length: 21 }, () => seenByClient(client.auth.me.query())))
    expect(new Set(seen.map((s) => s.message))).toEqual(new Set([error.message]))
    expect(seen[0]).toMatchObject({ httpStatus: 400, appCode: 'BATCH_TOO_LARGE' })
  })

  it('a batch URL over the router’s limit: 414', async () => {
    const paths = Array.from({ length: 800 }, () => 'auth.me').join(',')
    const answer = await fetched(`/trpc/${paths}?batch=1`, { body: '{}' })
    expectTrpcRefusal(answer, 414, 'URI_TOO_LONG')
    const client = appClient()
    const seen = await seenByClient(Promise.all(Array.from({ length: 800 }, () => client.auth.me.query())))
    expect(seen).toMatchObject({ httpStatus: 414, appCode: 'URI_TOO_LONG' })
  })

  it('a URL over Node’s header limit: 431', async () => {
    const paths = Array.from({ length: 3000 }, () => 'auth.me').join(',')
    const request = `POST /trpc/${paths}?batch=1 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`
    const answer = await rawExchange(request)
    expectTrpcRefusal(answer, 431, 'HEADERS_TOO_LARGE')
    const seen = await seenByClient(appClient({ fetch: fetchRaw(request), methodOverride: 'POST' }).auth.me.query())
    expect(seen).toMatchObject({ httpStatus: 431, appCode: 'HEADERS_TOO_LARGE' })
  })

  it('malformed JSON', async () => {
    const answer = await fetched('/trpc/auth.me', { body: '{"$undefined":' })
    expectTrpcRefusal(answer, 400, 'BAD_REQUEST')
    const malformed: typeof fetch = (url, init) => fetch(url, { ...init, body: '{"0":' })
    const seen = await seenByClient(appClient({ fetch: malformed, methodOverride: 'POST' }).auth.me.query())
    expect(seen).toMatchObject({ httpStatus: 400, appCode: 'BAD_REQUEST' })
  })

  it('a body that is not JSON, or JSON of another kind: 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'application/json-seq', 'text/plain']) {
      const answer = await fetched('/trpc/auth.me', { body: '{}', headers: { 'content-type': type } })
      expectTrpcRefusal(answer, 415, 'UNSUPPORTED_MEDIA_TYPE')
    }
    const asText: typeof fetch = (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'content-type': 'text/plain' } })
    const seen = await seenByClient(appClient({ fetch: asText, methodOverride: 'POST' }).auth.me.query())
    expect(seen).toMatchObject({ httpStatus: 415, appCode: 'UNSUPPORTED_MEDIA_TYPE' })
  })

  it('a Content-Length that does not match the body', async () => {
    const request = `POST /trpc/auth.me HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}`
    const answer = await rawExchange(request)
    expectTrpcRefusal(answer, 400, 'MALFORMED_REQUEST')
    const bad = `POST /trpc/auth.me HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: x\r\n\r\n{}`
    expectTrpcRefusal(await rawExchange(bad), 400, 'MALFORMED_REQUEST')
    const seen = await seenByClient(appClient({ fetch: fetchRaw(request), methodOverride: 'POST' }).auth.me.query())
    expect(seen).toMatchObject({ httpStatus: 400, appCode: 'MALFORMED_REQUEST' })
  })

  it('a URL that does not decode', async () => {
    const answer = await fetched('/trpc/auth.me%E0%A4%A', { body: '{}' })
    expectTrpcRefusal(answer, 400, 'BAD_URL')
    const garbled: typeof fetch = (url, init) => fetch(String(url).replace('auth.me', 'auth.me%E0%A4%A'), init)
    const seen = await seenByClient(appClient({ fetch: garbled, methodOverride: 'POST' }).auth.me.query())
    expect(seen).toMatchObject({ httpStatus: 400, appCode: 'BAD_URL' })
  })

  it('paths under /trpc with no route: 404 for POST, 405 for anything else', async () => {
    for (const path of ['/trpc', '/trpc/auth/me', '/%74rpc/auth/me']) {
      expectTrpcRefusal(await fetched(path, { body: '{}' }), 404, 'NOT_FOUND')
      expectTrpcRefusal(await fetched(path, { method: 'GET' }), 405, 'METHOD_NOT_SUPPORTED')
    }
  })

  it('none of these is logged as an error, and the next call goes through', async () => {
    expect(errorLines()).toEqual([])
    const { token } = await appClient().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.secretary.phone,
      password: TEST_PASSWORD,
    })
    expect(token).toBeTruthy()
  })
})
