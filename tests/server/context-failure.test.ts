// A request whose context cannot be read (the session lookup fails) still takes the one error
// path: a generic Chinese message with this request's id, or a retryable 503 for a lost database.
// The lookup is the statement every request sends on the client's own pool (sessions.ts), so the
// failures come from real databases: one without the ledger's tables, and none at all.
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaClient, type Db } from '../../server/db/client'
import { buildServer } from '../../server/http/build-server'
import { createTestDeps } from '../helpers/world'

let deps: Awaited<ReturnType<typeof createTestDeps>>
const servers: { close: () => Promise<unknown> }[] = []
const clients: Db[] = []

beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(clients.map((c) => c.$disconnect()))
})

/** The test database's address with another database name, or another port. */
const elsewhere = (change: { database?: string; port?: string }) => {
  const url = new URL(deps.url)
  if (change.database) url.pathname = `/${change.database}`
  if (change.port) url.port = change.port
  return url.toString()
}

/** What auth.me answers from a server whose client is on `url`. */
const meOn = async (url: string) => {
  const prisma = createPrismaClient({ url, poolSize: 1, connectionWaitMs: 2_000 })
  clients.push(prisma)
  const app = await buildServer({ deps: { ...deps, prisma }, logger: pino({ level: 'silent' }) })
  servers.push(app)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const response = await fetch(`${address}/trpc/auth.me`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer some-token' },
    body: '{}',
  })
  const body = (await response.json()) as { error: { message: string; data: { appCode: string } } }
  return { status: response.status, requestId: response.headers.get('x-request-id'), error: body.error }
}

describe('a context that cannot be read', () => {
  it('answers with a generic message carrying this request’s id', async () => {
    // PostgreSQL's own database: no "Session" table, so the lookup fails with a database error.
    const answer = await meOn(elsewhere({ database: 'postgres' }))
    expect(answer.status).toBe(500)
    expect(answer.requestId).toBeTruthy()
    expect(answer.error.message).toBe(`服务器出了点问题，请稍后重试（请求编号 ${answer.requestId}）`)
    expect(JSON.stringify(answer.error)).not.toMatch(/Session|relation/)
  })

  it('reads a lost database as a retryable 503', async () => {
    // Nothing listens on port 1: the connection is refused.
    const answer = await meOn(elsewhere({ port: '1' }))
    expect(answer.status).toBe(503)
    expect(answer.error.data.appCode).toBe('DATABASE_UNAVAILABLE')
  })
})
