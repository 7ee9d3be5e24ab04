// A clean stop (SIGTERM) closes the HTTP server under requests still running: each finishes and
// is answered, then its connection closes. Clients keep connections open between calls (the
// app's fetch, a proxy), so a connection busy at close would otherwise stay open, idle, until
// Node's keep-alive timeout (72 s in Fastify), and the stop, and the embedded PostgreSQL behind
// it, would wait that long.
import http from 'node:http'
import type { FastifyInstance } from 'fastify'
import { afterEach, expect, it } from 'vitest'
import { buildServer } from '../../server/http/build-server'
import { createLogger } from '../../server/lib/logger'
import { createWorld } from '../helpers/world'

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

type Answer = { status: number; connection: string | undefined; body: string }

const get = (agent: http.Agent, url: string) =>
  new Promise<Answer>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }))
      })
      .on('error', reject)
  })

it('a request running at close is answered, and the stop waits for no idle connection', async () => {
  const world = await createWorld()
  app = await buildServer({ deps: world.deps, logger: createLogger('silent') })
  let entered!: () => void
  const isEntered = new Promise<void>((resolve) => {
    entered = resolve
  })
  let release!: () => void
  const isReleased = new Promise<void>((resolve) => {
    release = resolve
  })
  app.get('/slow-for-test', async () => {
    entered()
    await isReleased
    return { ok: true }
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    expect((await get(agent, `${url}/healthz`)).status).toBe(200)
    const answer = get(agent, `${url}/slow-for-test`)
    await isEntered
    const started = performance.now()
    const closing = app.close()
    setTimeout(release, 50)
    const { status, connection, body } = await answer
    expect(status).toBe(200)
    expect(JSON.parse(body)).toEqual({ ok: true })
    expect(connection, 'the answer tells the client the connection ends').toBe('close')
    await closing
    app = undefined
    expect(performance.now() - started, 'close settles once the running request is answered').toBeLessThan(5_000)
  } finally {
    agent.destroy()
  }
})
