// The API route answers plain JSON calls without tRPC's resolveResponse (server/http/
// trpc-plain-calls.ts). Here the same requests go to our server and to tRPC's own Fastify adapter
// over the same router and context: status, headers, bodies and error-level log lines must be the
// same, for answers and for errors, one call or a batch, queries and mutations, a per-user limit,
// a procedure that throws, an output that fails its schema, and a client that leaves mid-call.
import { randomUUID } from 'node:crypto'
import type { AnyTRPCRouter } from '@trpc/server'
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { type AppDeps, createContext } from '../../server/context'
import { buildServer } from '../../server/http/build-server'
import { retryAfterOf } from '../../server/http/trpc-plain-calls'
import { logInternalError } from '../../server/http/trpc-route'
import { createLogger } from '../../server/lib/logger'
import { createWindowCounter } from '../../server/lib/window-counter'
import { appRouter } from '../../server/routers/app-router'
import { publicProcedure, router } from '../../server/trpc'
import { CHINESE } from '../helpers/errors'
import { cashDonationInput } from '../helpers/factories'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

const deferred = () => {
  let resolve = () => {}
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** For a procedure that waits for its signal: when it has started, and when it has settled. */
const slowCalls = { started: deferred(), settled: deferred() }

/** Procedures the app's router does not have, on the same base procedures (server/trpc.ts). */
const edgeRouter = router({
  fails: publicProcedure.query(() => {
    throw new Error('relation "secret_table" does not exist')
  }),
  // The handler breaks its own output schema (as a service returning the wrong shape would).
  badOutput: publicProcedure.output(z.object({ count: z.number() })).query(() => ({ count: 'many' }) as never),
  waitsForSignal: publicProcedure.query(
    ({ signal }) =>
      new Promise<string>((resolve, reject) => {
        slowCalls.started.resolve()
        const timer = setTimeout(() => resolve('done'), 10_000)
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(new Error('the client went away'))
          setTimeout(slowCalls.settled.resolve, 200)
        })
      }),
  ),
})

let world: World
let token: string

type Served = { ourUrl: string; stockUrl: string; ourLog: string[]; stockLog: string[] }

/** Our server and tRPC's own Fastify adapter, configured as our route configures resolveResponse. */
const serve = async (
  deps: AppDeps,
  { apiRouter = appRouter, stockDeps = deps }: { apiRouter?: AnyTRPCRouter; stockDeps?: AppDeps } = {},
): Promise<Served> => {
  const ourLog: string[] = []
  const stockLog: string[] = []
  const ours = await buildServer({
    deps,
    logger: createLogger('info', { write: (line: string) => void ourLog.push(line) }),
    router: apiRouter,
  })
  const stock = Fastify({
    loggerInstance: createLogger('info', { write: (line: string) => void stockLog.push(line) }),
    genReqId: () => randomUUID(),
  })
  await stock.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: apiRouter,
      allowMethodOverride: true,
      createContext: ({ req }: { req: Parameters<typeof createContext>[1] }) => createContext(stockDeps, req),
      responseMeta: ({ errors }: { errors: { cause?: unknown }[] }) => {
        const retryAfter = retryAfterOf(errors)
        return retryAfter ? { headers: { 'retry-after': String(retryAfter) } } : {}
      },
      onError: ({
        error,
        path,
        req,
      }: {
        error: { code: string; cause?: unknown }
        path?: string
        req: Parameters<typeof logInternalError>[0]
      }) => logInternalError(req, error, path),
    },
  })
  afterAll(() => Promise.all([ours.close(), stock.close()]))
  return {
    ourUrl: await ours.listen({ host: '127.0.0.1', port: 0 }),
    stockUrl: await stock.listen({ host: '127.0.0.1', port: 0 }),
    ourLog,
    stockLog,
  }
}

let app: Served
let edge: Served

beforeAll(async () => {
  world = await createWorld()
  app = await serve(world.deps)
  edge = await serve(world.deps, { apiRouter: edgeRouter })
  const login = await post(app.ourUrl, 'auth.loginWithPassword', {
    phone: DEMO_ACCOUNTS.secretary.phone,
    password: TEST_PASSWORD,
  })
  token = (JSON.parse(login.body) as { result: { data: { token: string } } }).result.data.token
})

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

const post = async (base: string, path: string, body: unknown, { batch = false, auth = '' } = {}) => {
  const response = await fetch(`${base}/trpc/${path}${batch ? '?batch=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    vary: response.headers.get('vary'),
    // (Fastify adds "; charset=utf-8" to our string answers, as it did before this route.)
    contentType: response.headers.get('content-type')?.split(';')[0],
    retryAfter: response.headers.get('retry-after'),
    // Request ids differ from request to request; nothing else may.
    body: (await response.text()).replace(UUID, '<uuid>'),
  }
}

type Options = { batch?: boolean; auth?: string }

/** The same request to both servers. */
const both = async (served: Served, path: string, body: unknown, options: Options = {}) => {
  const [a, b] = [await post(served.ourUrl, path, body, options), await post(served.stockUrl, path, body, options)]
  expect(a).toEqual(b)
  return a
}

/** Log lines at warn level and above, without what differs between two requests and two servers. */
const problemsIn = (lines: string[]) =>
  lines
    .map((line) => JSON.parse(line) as { level: number; msg: string; procedure?: string; err?: { message?: string } })
    .filter((line) => line.level >= 40)
    .map(({ level, msg, procedure, err }) => ({ level, msg, procedure, error: err?.message }))

describe('plain JSON calls, answered as tRPC’s own adapter answers them', () => {
  it('a query, alone and in a batch', async () => {
    expect((await both(app, 'auth.me', { $undefined: true }, { auth: token })).status).toBe(200)
    expect(
      (await both(app, 'auth.me,village.list', { 0: { $undefined: true } }, { batch: true, auth: token })).status,
    ).toBe(200)
  })

  it('errors: signed out, refused, invalid input, and a batch of one answer and one error (207)', async () => {
    expect((await both(app, 'auth.me', { $undefined: true })).status).toBe(401)
    const refused = await both(app, 'household.create', { villageId: world.ref.villages.qianyue.id }, { auth: token })
    expect(refused.status).toBe(403)
    expect((await both(app, 'donation.list', { limit: 'many' }, { batch: false, auth: token })).status).toBe(400)
    const mixed = await both(
      app,
      'auth.me,donation.list',
      { 0: { $undefined: true }, 1: { limit: 'many' } },
      { batch: true, auth: token },
    )
    expect(mixed.status).toBe(207)
  })

  it('unknown procedures, and paths that name the caller’s own words rather than a procedure', async () => {
    for (const path of ['nope.nothing', 'auth.me.toString', 'auth.me.call', 'then', '_def', 'auth.__proto__']) {
      const answer = await both(app, path, { $undefined: true }, { auth: token })
      expect(answer.status, path).toBe(404)
      expect(answer.body, path).not.toContain('procedures')
    }
  })

  it('a mutation, and its replay with the same retry key', async () => {
    // The donation's ids and times differ between two writes; its replay must not.
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 1_000), clientMutationId: randomUUID() }
    const first = await post(app.ourUrl, 'donation.create', { 0: input }, { batch: true, auth: token })
    expect(first.status).toBe(200)
    expect(await post(app.stockUrl, 'donation.create', { 0: input }, { batch: true, auth: token })).toEqual(first)
    expect(await world.deps.prisma.donation.count({ where: { note: input.note ?? null, amountFen: 1_000n } })).toBe(1)
  })

  it('a call over the per-user limit: 429, the Chinese message and when to come back', async () => {
    // One call a minute, counted apart for each server, so that both see the same sequence.
    const withLimit = () => ({ ...world.deps, callsPerUser: createWindowCounter({ max: 1, windowMs: 60_000 }) })
    const limited = await serve(withLimit(), { stockDeps: withLimit() })
    expect((await post(limited.stockUrl, 'auth.me', { $undefined: true }, { auth: token })).status).toBe(200)
    expect((await post(limited.ourUrl, 'auth.me', { $undefined: true }, { auth: token })).status).toBe(200)
    const refused = await both(
      limited,
      'auth.me,village.list',
      { 0: { $undefined: true } },
      { batch: true, auth: token },
    )
    expect(refused.status).toBe(429)
    expect(refused.retryAfter).toBe('60')
    expect(refused.body).toContain('操作太频繁')
  })

  it('a procedure that throws: 500, the generic Chinese message with the request id, one error line', async () => {
    edge.ourLog.length = 0
    edge.stockLog.length = 0
    const failed = await both(edge, 'fails', { $undefined: true })
    expect(failed.status).toBe(500)
    expect(failed.body).not.toContain('secret_table')
    const response = await fetch(`${edge.ourUrl}/trpc/fails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"$undefined":true}',
    })
    const { error } = (await response.json()) as { error: { message: string; data: { requestId: string } } }
    expect(error.message).toMatch(CHINESE)
    expect(error.message).toContain(error.data.requestId)
    expect(response.headers.get('x-request-id')).toBe(error.data.requestId)
    const problems = problemsIn(edge.ourLog)
    expect(problems).toEqual([
      { level: 50, msg: 'procedure failed', procedure: 'fails', error: 'relation "secret_table" does not exist' },
      { level: 50, msg: 'procedure failed', procedure: 'fails', error: 'relation "secret_table" does not exist' },
    ])
    expect(problemsIn(edge.stockLog)).toEqual(problems.slice(1))
  })

  it('an output that fails its schema: 500 and logged, like any other fault', async () => {
    edge.ourLog.length = 0
    edge.stockLog.length = 0
    const failed = await both(edge, 'badOutput', { 0: { $undefined: true } }, { batch: true })
    expect(failed.status).toBe(500)
    expect(failed.body).toMatch(CHINESE)
    expect(failed.body).not.toContain('many')
    // The log has zod's issues, which the answer does not.
    expect(problemsIn(edge.ourLog)).toEqual([
      { level: 50, msg: 'procedure failed', procedure: 'badOutput', error: expect.stringContaining('invalid_type') },
    ])
    expect(problemsIn(edge.stockLog)).toEqual(problemsIn(edge.ourLog))
  })

  it('a client that leaves mid-call: the call is aborted, nothing crashes, the same lines are logged', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const logged: ReturnType<typeof problemsIn>[] = []
      for (const [url, log] of [
        [edge.ourUrl, edge.ourLog],
        [edge.stockUrl, edge.stockLog],
      ] as const) {
        Object.assign(slowCalls, { started: deferred(), settled: deferred() })
        log.length = 0
        const leaving = new AbortController()
        const call = fetch(`${url}/trpc/waitsForSignal`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"$undefined":true}',
          signal: leaving.signal,
        })
        await slowCalls.started.promise
        leaving.abort()
        await expect(call).rejects.toThrow()
        // The procedure saw its signal abort, well before its 10 s.
        await slowCalls.settled.promise
        logged.push(problemsIn(log))
        // And the server goes on answering.
        expect((await post(url, 'fails', { $undefined: true })).status).toBe(500)
      }
      // tRPC hands the procedure's rejection to onError, as for any other fault.
      expect(logged[0]).toEqual([
        { level: 50, msg: 'procedure failed', procedure: 'waitsForSignal', error: 'the client went away' },
      ])
      expect(logged[1]).toEqual(logged[0])
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})

describe('where our route differs from tRPC’s adapter', () => {
  it('a batch that mixes queries and mutations: each call runs as its own kind, where tRPC’s refuses the batch', async () => {
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 1_001), clientMutationId: randomUUID() }
    const body = { 0: { $undefined: true }, 1: input }
    const stock = await post(app.stockUrl, 'auth.me,donation.create', body, { batch: true, auth: token })
    expect(stock.status).toBe(400)
    const ours = await post(app.ourUrl, 'auth.me,donation.create', body, { batch: true, auth: token })
    expect(ours.status).toBe(200)
    // The mutation ran as one (in its transaction, under its retry key): a replay writes nothing.
    await post(app.ourUrl, 'auth.me,donation.create', body, { batch: true, auth: token })
    expect(await world.deps.prisma.donation.count({ where: { amountFen: 1_001n } })).toBe(1)
  })
})
