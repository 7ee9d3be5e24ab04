// A request whose context cannot be read (the session lookup fails) still takes the one error
// path: a generic Chinese message with this request's id, or a retryable 503 for a lost database.
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/db/client'
import { buildServer } from '../../server/http/build-server'
import { createTestDeps } from '../helpers/world'

let deps: Awaited<ReturnType<typeof createTestDeps>>
const servers: { close: () => Promise<unknown> }[] = []

beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(() => Promise.all(servers.map((s) => s.close())))

/**
 * A server whose pool client fails the session lookup (a raw query: the session with the
 * authorisation epoch) with `error`; returns what auth.me answers.
 */
const meWithFailingSessions = async (error: Error) => {
  const prisma = new Proxy(deps.prisma, {
    get: (target, key) => (key === '$queryRaw' ? () => Promise.reject(error) : Reflect.get(target, key, target)),
  }) as Db
  const app = await buildServer({ deps: { ...deps, prisma }, logger: pino({ level: 'silent' }) })
  servers.push(app)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const response = await fetch(`${url}/trpc/auth.me`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer some-token' },
    body: '{}',
  })
  const body = (await response.json()) as { error: { message: string; data: { appCode: string } } }
  return { status: response.status, requestId: response.headers.get('x-request-id'), error: body.error }
}

describe('a context that cannot be read', () => {
  it('answers with a generic message carrying this request’s id', async () => {
    const answer = await meWithFailingSessions(new Error('boom: relation "Session" is broken'))
    expect(answer.status).toBe(500)
    expect(answer.requestId).toBeTruthy()
    expect(answer.error.message).toBe(`服务器出了点问题，请稍后重试（请求编号 ${answer.requestId}）`)
    expect(JSON.stringify(answer.error)).not.toContain('boom')
  })

  it('reads a lost database as a retryable 503', async () => {
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    const answer = await meWithFailingSessions(lost)
    expect(answer.status).toBe(503)
    expect(answer.error.data.appCode).toBe('DATABASE_UNAVAILABLE')
  })
})
