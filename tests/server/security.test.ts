// API hardening over real HTTP: lockouts after failed proofs, request-rate limits, the batch cap,
// JSON only, and the headers on the app's pages and the API's answers.
import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../prisma/seed/reference-data'
import { buildServer } from '../../server/http/build-server'
import { contentSecurityPolicy } from '../../server/http/security-headers'
import { CHINESE } from '../helpers/errors'
import { householdInput } from '../helpers/factories'
import { apiClient, clientErrorOf, serve } from '../helpers/http-world'
import { createWorld, TEST_PASSWORD, type World } from '../helpers/world'

const INLINE_SCRIPT = '!function(n){n.rem=1}(window);'

let world: World
let baseUrl: string

beforeAll(async () => {
  world = await createWorld({ security: { requestsPerMinute: 40, maxFailuresPerSubject: 3, maxBatchSize: 5 } })
  baseUrl = (
    await serve(world, {
      h5Files: { 'index.html': `<!doctype html><script>${INLINE_SCRIPT}</script><div id="app">` },
    })
  ).baseUrl
})

const client = (options: { token?: string } = {}) => apiClient(baseUrl, options.token)

const login = (phone: string, password: string) => client().auth.loginWithPassword.mutate({ phone, password })

describe('lockouts', () => {
  it('locks a phone out after repeated wrong passwords, even for the right one, and says how long', async () => {
    const phone = DEMO_ACCOUNTS.member.phone
    for (let i = 0; i < 3; i++) {
      expect((await clientErrorOf(login(phone, 'wrong-password'))).data?.appCode).toBe('INVALID_CREDENTIALS')
    }
    const locked = await clientErrorOf(login(phone, TEST_PASSWORD))
    expect(locked.data).toMatchObject({ appCode: 'LOCKED_OUT', httpStatus: 429 })
    expect(locked.message).toMatch(/^尝试次数过多，请 1[0-5] 分钟后再试$/)
    // Other people are not locked out by it.
    expect((await login(DEMO_ACCOUNTS.cadre.phone, TEST_PASSWORD)).token).toBeTruthy()
    const attempts = await world.deps.prisma.authAttempt.count({ where: { kind: 'PASSWORD_LOGIN', subject: phone } })
    expect(attempts).toBe(3)
  })

  it('a success clears the count', async () => {
    const phone = DEMO_ACCOUNTS.admin.phone
    await clientErrorOf(login(phone, 'wrong-password'))
    await clientErrorOf(login(phone, 'wrong-password'))
    await login(phone, TEST_PASSWORD)
    await clientErrorOf(login(phone, 'wrong-password'))
    await clientErrorOf(login(phone, 'wrong-password'))
    expect((await login(phone, TEST_PASSWORD)).token).toBeTruthy()
  })

  it('holds back guessing a household to bind to', async () => {
    const household = await world.cadre.household.create(householdInput(world.ref.villages.qianyue.id))
    const wechatUser = await world.deps.prisma.user.create({ data: { displayName: '微信用户', openid: 'o-guesser' } })
    const guesser = await world.as(wechatUser.id)
    const revealed = await world.cadre.household.reveal({ id: household.id, field: 'idNumber', reason: '测试' })
    const idNumber = revealed.value ?? ''
    for (let i = 0; i < 3; i++) {
      await expect(guesser.resident.bindHousehold({ headName: `猜${i}`, idNumber })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    }
    await expect(guesser.resident.bindHousehold({ headName: household.headName, idNumber })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    })
  })
})

describe('request limits', () => {
  it('refuses a batch larger than the cap before running any call, made-up paths included', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `nope.call${i}`).join(',')
    const response = await fetch(`${baseUrl}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [i, {}]))),
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { message: string } }[] | { error: { message: string } }
    const first = Array.isArray(body) ? body[0] : body
    expect(first?.error.message).toMatch(CHINESE)
  })

  it('takes JSON only', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.loginWithPassword`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `phone=${DEMO_ACCOUNTS.admin.phone}&password=${TEST_PASSWORD}`,
    })
    expect(response.status).toBe(415)
  })

  it('slows down a user who floods the API, with a Chinese message and Retry-After', async () => {
    const { token } = await login(DEMO_ACCOUNTS.secretary.phone, TEST_PASSWORD)
    // A second session of the same person shares the allowance.
    const { token: other } = await login(DEMO_ACCOUNTS.secretary.phone, TEST_PASSWORD)
    const statuses: number[] = []
    let lastBody = ''
    for (let i = 0; i < 45; i++) {
      const response = await fetch(`${baseUrl}/trpc/auth.me`, {
        method: 'POST',
        headers: { authorization: `Bearer ${i % 2 ? other : token}`, 'content-type': 'application/json' },
        body: '{}',
      })
      statuses.push(response.status)
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
        lastBody = await response.text()
      } else await response.arrayBuffer()
    }
    expect(statuses.filter((s) => s === 200).length).toBe(40)
    expect(statuses.filter((s) => s === 429).length).toBe(5)
    expect(lastBody).toContain('操作太频繁')
    // Someone else is not slowed down by it.
    const { token: cadre } = await login(DEMO_ACCOUNTS.cadre.phone, TEST_PASSWORD)
    expect((await client({ token: cadre }).auth.me.query()).displayName).toBeTruthy()
  })
})

describe('limits per address', () => {
  /** A second server on the same database, with tight per-IP limits; `trustProxy` as TRUST_PROXY. */
  const serverWith = async (limits: Partial<typeof world.deps.security>, trustProxy?: number) => {
    const deps = { ...world.deps, security: { ...world.deps.security, ...limits } }
    const server = await buildServer({ deps, logger: pino({ level: 'silent' }), trustProxy })
    const url = await server.listen({ host: '127.0.0.1', port: 0 })
    return { url, close: () => server.close() }
  }
  const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, text: await r.text() }))

  it('limits one address, signed in or not', async () => {
    const server = await serverWith({ requestsPerMinutePerIp: 10 })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await post(server.url, 'auth.me', {})).status)
      expect(statuses.filter((s) => s === 429)).toHaveLength(2)
    } finally {
      await server.close()
    }
  })

  it('charges each login in a batch, so batching does not multiply the guesses', async () => {
    const server = await serverWith({ loginRequestsPerMinute: 3 })
    try {
      const call = { phone: '13900000000', password: 'wrong-password' }
      const batch = Object.fromEntries([0, 1, 2, 3].map((i) => [i, call]))
      const paths = Array.from({ length: 4 }, () => 'auth.loginWithPassword').join(',')
      const answer = await post(server.url, `${paths}?batch=1`, batch)
      expect(answer.status).toBe(429)
      expect(answer.text).toContain('操作太频繁')
      const attempts = await world.deps.prisma.authAttempt.count({ where: { subject: call.phone } })
      expect(attempts).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('behind a trusted proxy, tells clients apart by X-Forwarded-For', async () => {
    const server = await serverWith({ requestsPerMinutePerIp: 3 }, 1)
    try {
      const from = (ip: string) => post(server.url, 'auth.me', {}, { 'x-forwarded-for': ip })
      for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(401)
      expect((await from('10.0.0.1')).status).toBe(429)
      expect((await from('10.0.0.2')).status).toBe(401)
    } finally {
      await server.close()
    }
  })

  it('refuses GET on the API however the path is spelled', async () => {
    for (const spelling of ['/trpc/auth.me', '/%74rpc/auth.me', '/trpc/auth%2Eme']) {
      const response = await fetch(`${baseUrl}${spelling}?input=%7B%7D`)
      expect(response.status, spelling).toBe(405)
    }
  })
})

describe('headers', () => {
  it('gives the app’s pages a CSP of our own origin plus the inline script’s hash', async () => {
    const response = await fetch(`${baseUrl}/`)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toBe(contentSecurityPolicy(`<script>${INLINE_SCRIPT}</script>`))
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('lets no cache keep the API’s answers', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
