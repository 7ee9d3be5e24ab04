// The H5 app's offline shell (server/http/offline-shell.ts) and the build's precompressed copies:
// what the service worker keeps, what it must never keep, and what is sent compressed.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from '../../scripts/precompress.mjs'
import { buildServer } from '../../server/http/build-server'
import { createWorld, type World } from '../helpers/world'

let world: World
const servers: FastifyInstance[] = []

/** A small H5 build: the shell, a page chunk, the ECharts chunk, a source map. */
const makeBuild = async (indexHtml: string) => {
  const h5 = await mkdtemp(path.join(tmpdir(), 'pdrl-shell-'))
  await mkdir(path.join(h5, 'js'))
  await mkdir(path.join(h5, 'assets'))
  await writeFile(path.join(h5, 'index.html'), indexHtml)
  await writeFile(path.join(h5, 'js', 'app.1a2b.js'), `console.log(${JSON.stringify('台账'.repeat(1000))})`)
  await writeFile(path.join(h5, 'js', '223.9f8e.js'), 'var echarts = {}; /* 统计 */')
  await writeFile(path.join(h5, 'js', 'app.1a2b.js.map'), '{}')
  await writeFile(path.join(h5, 'assets', 'mine.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  precompress(h5)
  return h5
}

const serve = async (h5: string) => {
  const app = await buildServer({ deps: world.deps, logger: pino({ level: 'silent' }), h5DistDir: h5 })
  servers.push(app)
  return app
}

/** The worker's precache list and cache name, read from its source. */
const workerOf = async (app: FastifyInstance) => {
  const response = await app.inject({ method: 'GET', url: '/sw.js' })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/javascript/)
  expect(response.headers['cache-control']).toBe('no-cache')
  const shell = JSON.parse(/const SHELL = (\[.*\])/.exec(response.body)?.[1] ?? '[]') as string[]
  const cache = /const CACHE = "([^"]+)"/.exec(response.body)?.[1]
  return { shell, cache, source: response.body }
}

beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => {
  for (const app of servers) await app.close()
})

describe('the offline shell', () => {
  it('keeps the build the app needs to start, and never the API, photos, ECharts or compressed copies', async () => {
    const app = await serve(await makeBuild('<!doctype html><title>党日帮扶台账</title>'))
    const { shell, source } = await workerOf(app)
    expect(shell).toEqual(['/assets/mine.png', '/index.html', '/js/app.1a2b.js'])
    // Only same-origin GETs of the shell's own paths are answered from the cache; a page load goes
    // to the network first.
    expect(source).toContain("if (request.method !== 'GET') return")
    expect(source).toContain('if (!SHELL_PATHS.has(url.pathname)) return')
    expect(source).toContain(
      "fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/index.html')))",
    )
  })

  it('a new build is a new cache', async () => {
    const first = await workerOf(await serve(await makeBuild('<!doctype html><title>v1</title>')))
    const second = await workerOf(await serve(await makeBuild('<!doctype html><title>v2</title>')))
    expect(first.cache).toMatch(/^pdrl-shell-[0-9a-f]{16}$/)
    expect(second.cache).not.toBe(first.cache)
  })

  it('sends the precompressed copy to a browser that takes it, and the plain file to one that does not', async () => {
    const app = await serve(await makeBuild('<!doctype html><title>党日帮扶台账</title>'))
    const plain = await app.inject({ method: 'GET', url: '/js/app.1a2b.js' })
    const brotli = await app.inject({
      method: 'GET',
      url: '/js/app.1a2b.js',
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers.vary).toMatch(/accept-encoding/i)
    expect(plain.headers.vary).toMatch(/accept-encoding/i)
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4)
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body)
  })
})
