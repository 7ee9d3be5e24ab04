// The API route answers plain JSON calls without tRPC's resolveResponse (server/http/
// trpc-plain-calls.ts). Here the same requests go to our server and to tRPC's own Fastify adapter
// over the same router and context: status, headers and bodies must be the same, for answers and
// for errors, one call or a batch, queries and mutations.
import { randomUUID } from 'node:crypto'
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { createContext } from '../../server/context'
import { buildServer } from '../../server/http/build-server'
import { createLogger } from '../../server/lib/logger'
import { appRouter } from '../../server/routers/app-router'
import { cashDonationInput } from '../helpers/factories'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

let world: World
let ours: FastifyInstance
let stock: FastifyInstance
let ourUrl: string
let stockUrl: string
let token: string

beforeAll(async () => {
  world = await createWorld()
  ours = await buildServer({ deps: world.deps, logger: createLogger('silent') })
  ourUrl = await ours.listen({ host: '127.0.0.1', port: 0 })
  stock = Fastify({ genReqId: () => randomUUID() })
  await stock.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      allowMethodOverride: true,
      createContext: ({ req }: { req: Parameters<typeof createContext>[1] }) => createContext(world.deps, req),
    },
  })
  stockUrl = await stock.listen({ host: '127.0.0.1', port: 0 })
  const login = await post(ourUrl, 'auth.loginWithPassword', {
    phone: DEMO_ACCOUNTS.secretary.phone,
    password: TEST_PASSWORD,
  })
  token = (JSON.parse(login.body) as { result: { data: { token: string } } }).result.data.token
})
afterAll(() => Promise.all([ours.close(), stock.close()]))

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
    body: (await response.text()).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>'),
  }
}

/** The same request to both servers. */
const both = async (path: string, body: unknown, options: { batch?: boolean; auth?: string } = {}) => {
  const [a, b] = [await post(ourUrl, path, body, options), await post(stockUrl, path, body, options)]
  expect(a).toEqual(b)
  return a
}

describe('plain JSON calls, answered as tRPC’s own adapter answers them', () => {
  it('a query, alone and in a batch', async () => {
    expect((await both('auth.me', { $undefined: true }, { auth: token })).status).toBe(200)
    expect((await both('auth.me,village.list', { 0: { $undefined: true } }, { batch: true, auth: token })).status).toBe(
      200,
    )
  })

  it('errors: signed out, refused, invalid input, and a batch of one answer and one error (207)', async () => {
    expect((await both('auth.me', { $undefined: true })).status).toBe(401)
    expect((await both('household.create', { villageId: world.ref.villages.qianyue.id }, { auth: token })).status).toBe(
      403,
    )
    expect((await both('donation.list', { limit: 'many' }, { batch: false, auth: token })).status).toBe(400)
    const mixed = await both(
      'auth.me,donation.list',
      { 0: { $undefined: true }, 1: { limit: 'many' } },
      { batch: true, auth: token },
    )
    expect(mixed.status).toBe(207)
  })

  it('a mutation, and its replay with the same retry key', async () => {
    // The donation's ids and times differ between two writes; its replay must not.
    const input = { ...cashDonationInput(world.ref.villages.qianyue.id, 1_000), clientMutationId: randomUUID() }
    const first = await post(ourUrl, 'donation.create', { 0: input }, { batch: true, auth: token })
    expect(first.status).toBe(200)
    expect(await post(stockUrl, 'donation.create', { 0: input }, { batch: true, auth: token })).toEqual(first)
    expect(await world.deps.prisma.donation.count({ where: { note: input.note ?? null, amountFen: 1_000n } })).toBe(1)
  })
})
