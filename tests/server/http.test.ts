// Over real HTTP: the Fastify server, the tRPC client a browser uses, and what errors look like
// on the wire (Chinese message, English code, request id, no stack or SQL).
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { HttpErrorBody } from '../../common/contracts/errors'
import { parse } from '../../common/wire-format'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { createLogger } from '../../server/lib/logger'
import { launchBatch } from '../../src/lib/launch-batch'
import type { taroFetch } from '../../src/lib/taro-fetch'
import { CHINESE } from '../helpers/errors'
import { apiClient, clientErrorOf, serve } from '../helpers/http-world'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

let world: World
let baseUrl: string
/** What the server logged, one JSON line each. */
const logLines: string[] = []

beforeAll(async () => {
  world = await createWorld()
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) })
  baseUrl = (
    await serve(world, {
      logger,
      h5Files: { 'index.html': '<!doctype html><title>党日帮扶台账</title>', 'js/app.js': 'console.log(1)' },
    })
  ).baseUrl
})

const client = (token?: string) => apiClient(baseUrl, token)

describe('HTTP', () => {
  it('answers /healthz with the database kind', async () => {
    const response = await fetch(`${baseUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, db: 'external' })
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('logs in with phone and password, then uses the bearer token, then logs out', async () => {
    const session = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.secretary.phone,
      password: TEST_PASSWORD,
    })
    expect(session.user).toMatchObject({ displayName: DEMO_ACCOUNTS.secretary.displayName, roles: ['SECRETARY'] })
    expect(session.expiresAt).toBeInstanceOf(Date)
    const me = await client(session.token).auth.me.query()
    expect(me.memberships[0]).toMatchObject({ orgName: '西宁市司法局机关党支部', role: 'SECRETARY' })
    await client(session.token).auth.logout.mutate()
    const afterLogout = await clientErrorOf(client(session.token).auth.me.query())
    expect(afterLogout.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'SESSION_EXPIRED', httpStatus: 401 })
    expect(afterLogout.message).toBe('登录已过期，请重新登录')
  })

  it('logs each request once, when answered: its id, path, status, time taken and user', async () => {
    const session = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.secretary.phone,
      password: TEST_PASSWORD,
    })
    const response = await fetch(`${baseUrl}/trpc/auth.me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: '{"$undefined":true}',
    })
    expect(response.status).toBe(200)
    const requestId = response.headers.get('x-request-id')
    const linesOf = () =>
      logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.reqId === requestId)
    await vi.waitFor(() => expect(linesOf()).toHaveLength(1))
    expect(linesOf()[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: requestId, method: 'POST', url: '/trpc/auth.me' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      userId: session.user.id,
    })
    expect(JSON.stringify(linesOf())).not.toContain(session.token)
  })

  it('answers calls sent one by one, with no input as well as with one', async () => {
    const session = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.secretary.phone,
      password: TEST_PASSWORD,
    })
    const api = apiClient(baseUrl, session.token, { isBatched: false })
    // No input: the body says so ({"$undefined":true}); an empty body is not JSON.
    const me = await api.auth.me.query()
    expect(me.displayName).toBe(DEMO_ACCOUNTS.secretary.displayName)
    const summary = await api.stats.summary.query({ top: 5 })
    expect(summary.totals.totalFen).toBe(
      await client(session.token)
        .stats.summary.query({ top: 5 })
        .then((s) => s.totals.totalFen),
    )
    await api.auth.logout.mutate()
    const afterLogout = await clientErrorOf(api.auth.me.query())
    expect(afterLogout.data).toMatchObject({ appCode: 'SESSION_EXPIRED', httpStatus: 401 })
  })

  it('answers the launch’s calls in one request, each call its own answer or refusal', async () => {
    const session = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.secretary.phone,
      password: TEST_PASSWORD,
    })
    const sent: string[] = []
    const counting = (async (url: string, init?: RequestInit) => {
      sent.push(url)
      return fetch(url, init)
    }) as unknown as typeof taroFetch
    const launch = (token: string) =>
      apiClient(baseUrl, token, {
        isBatched: false,
        fetch: launchBatch(counting, 3) as unknown as typeof fetch,
      })
    const api = launch(session.token)
    const [me, summary, overdue] = await Promise.all([
      api.auth.me.query(),
      api.stats.summary.query({ top: 5 }),
      api.need.list.query({ isOverdue: true, limit: 5 }),
    ])
    expect(sent).toEqual([`${baseUrl}/trpc/auth.me,stats.summary,need.list?batch=1`])
    expect(me.displayName).toBe(DEMO_ACCOUNTS.secretary.displayName)
    expect(summary).toEqual(await client(session.token).stats.summary.query({ top: 5 }))
    expect(overdue.items.map((n) => n.id)).toEqual(
      (await client(session.token).need.list.query({ isOverdue: true, limit: 5 })).items.map((n) => n.id),
    )
    // One call refused: that call fails with its own error, the others are answered.
    const again = launch(session.token)
    const [meAgain, refused, summaryAgain] = await Promise.all([
      again.auth.me.query(),
      clientErrorOf(again.need.list.query({ limit: 5_000 })),
      again.stats.summary.query({ top: 5 }),
    ])
    expect(sent.at(-1)).toBe(`${baseUrl}/trpc/auth.me,need.list,stats.summary?batch=1`)
    expect(meAgain.id).toBe(me.id)
    expect(summaryAgain).toEqual(summary)
    expect(refused.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 })
    // A session ended: every call is refused as the single requests would be.
    await client(session.token).auth.logout.mutate()
    const ended = launch(session.token)
    const refusals = await Promise.all([
      clientErrorOf(ended.auth.me.query()),
      clientErrorOf(ended.stats.summary.query({ top: 5 })),
      clientErrorOf(ended.need.list.query({ isOverdue: true, limit: 5 })),
    ])
    for (const error of refusals) expect(error.data).toMatchObject({ appCode: 'SESSION_EXPIRED', httpStatus: 401 })
    expect(refusals[0]?.message).toBe('登录已过期，请重新登录')
  })

  it('tells a signed-in person whose account was disabled that it was, not that the session expired', async () => {
    const session = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.member.phone,
      password: TEST_PASSWORD,
    })
    await world.deps.prisma.user.update({ where: { id: world.ref.users.member.id }, data: { isActive: false } })
    try {
      const refused = await clientErrorOf(client(session.token).auth.me.query())
      expect(refused.data).toMatchObject({ appCode: 'ACCOUNT_DISABLED', httpStatus: 403 })
      expect(refused.message).toBe('账号已停用，请联系管理员')
    } finally {
      await world.deps.prisma.user.update({ where: { id: world.ref.users.member.id }, data: { isActive: true } })
    }
  })

  it('refuses a wrong password with one message for unknown phones and wrong passwords', async () => {
    const wrong = await clientErrorOf(
      client().auth.loginWithPassword.mutate({ phone: DEMO_ACCOUNTS.cadre.phone, password: 'nope-nope' }),
    )
    const unknown = await clientErrorOf(
      client().auth.loginWithPassword.mutate({ phone: '13912345678', password: 'nope-nope' }),
    )
    expect(wrong.message).toBe('手机号或密码不正确，请重新输入')
    expect(unknown.message).toBe(wrong.message)
    expect(wrong.data?.httpStatus).toBe(401)
  })

  it('returns validation errors as a Chinese summary plus errors per field', async () => {
    const error = await clientErrorOf(client().auth.loginWithPassword.mutate({ phone: '12345', password: '' }))
    expect(error.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED', httpStatus: 400 })
    expect(error.message).toBe('手机号码应为 11 位数字，以 1 开头（另有 1 处需要修改）')
    expect(error.data?.zodError?.fieldErrors).toEqual({
      phone: ['手机号码应为 11 位数字，以 1 开头'],
      password: ['请输入密码'],
    })
  })

  it('never sends a stack trace or SQL, and gives the request id for internal errors', async () => {
    const { token } = await client().auth.loginWithPassword.mutate({
      phone: DEMO_ACCOUNTS.admin.phone,
      password: TEST_PASSWORD,
    })
    // Break the database for one call: a bogus pool makes Prisma fail inside the procedure.
    const original = world.deps.prisma.household.findMany
    world.deps.prisma.household.findMany = (() =>
      Promise.reject(new Error('relation "secret_table" does not exist at SELECT * FROM x'))) as never
    try {
      const response = await fetch(`${baseUrl}/trpc/household.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      })
      const body = await response.text()
      expect(response.status).toBe(500)
      expect(body).not.toMatch(/secret_table|SELECT|stack|at .*\.ts/)
      const parsed = JSON.parse(body) as {
        error: { message: string; data: { requestId: string; appCode: string } }
      }
      expect(parsed.error.data.appCode).toBe('INTERNAL')
      expect(parsed.error.message).toMatch(CHINESE)
      expect(parsed.error.message).toContain(parsed.error.data.requestId)
      expect(response.headers.get('x-request-id')).toBe(parsed.error.data.requestId)
    } finally {
      world.deps.prisma.household.findMany = original
    }
  })

  it('takes tRPC calls only as POST, so that no input lands in a URL or a log', async () => {
    const idNumber = '630121196606060014'
    const url = `${baseUrl}/trpc/household.list?input=${encodeURIComponent(JSON.stringify({ search: idNumber }))}`
    const response = await fetch(url)
    expect(response.status).toBe(405)
    const body = (await response.json()) as { error: { message: string; data: { appCode: string } } }
    expect(body.error.data.appCode).toBe('METHOD_NOT_SUPPORTED')
    expect(body.error.message).toMatch(CHINESE)
    expect(logLines.join('\n')).not.toContain(idNumber)
    expect(logLines.some((line) => line.includes('/trpc/household.list'))).toBe(true)
  })

  it('answers unknown procedures in Chinese too', async () => {
    const response = await fetch(`${baseUrl}/trpc/nope.nothing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    const body = (await response.json()) as { error: { message: string; data: { appCode: string } } }
    expect(response.status).toBe(404)
    expect(body.error.message).toMatch(CHINESE)
  })

  it('answers a tRPC batch whole, with its length, and dates tagged in the wire format', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.loginWithPassword?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 0: { phone: DEMO_ACCOUNTS.secretary.phone, password: TEST_PASSWORD } }),
    })
    const text = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('transfer-encoding')).toBeNull()
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text))
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(text).toContain('"expiresAt":{"$date":"')
    // What the app's client then reads.
    const [login] = parse<[{ result: { data: { token: string; expiresAt: Date } } }]>(text)
    expect(login.result.data.expiresAt).toBeInstanceOf(Date)
    expect(login.result.data.expiresAt.getTime()).toBeGreaterThan(Date.now())
  })

  it('serves the H5 app at / and the build’s files, and a 404 for any other path', async () => {
    for (const page of ['/', '/index.html']) {
      // As browsers ask, for the build's compressed copies.
      const index = await fetch(`${baseUrl}${page}`, { headers: { 'accept-encoding': 'br, gzip' } })
      expect(index.status, page).toBe(200)
      expect(await index.text()).toContain('党日帮扶台账')
    }
    expect(await (await fetch(`${baseUrl}/js/app.js`)).text()).toBe('console.log(1)')
    // The H5 router uses hash mode: no other path is a page, and none may look like a file that exists.
    for (const path of ['/backup.sql', '/.env', '/x.bak', '/js/app.js.bak', '/some/page', '/js/']) {
      const response = await fetch(`${baseUrl}${path}`)
      expect(response.status, path).toBe(404)
      const body = (await response.json()) as HttpErrorBody
      expect(body.error).toMatchObject({ code: 'NOT_FOUND', requestId: response.headers.get('x-request-id') })
      expect(body.error.message).toMatch(CHINESE)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})
