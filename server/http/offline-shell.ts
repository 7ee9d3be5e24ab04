// GET /sw.js: the H5 app's service worker, so that the app opens with no signal (a day
// of village visits offline, the page reloaded, the queue still there). It is written here, from
// the build the server serves, because only the server knows that build's file names:
//   - on install it caches the app shell (index.html and the hashed JS, CSS and images), except
//     the chunk that carries ECharts (统计: no use without the API, and the largest file);
//   - a page load goes to the network first and falls back to the cached index.html offline,
//     so a new release is picked up whenever there is a connection;
//   - shell files come from the cache (their names change with their content);
//   - everything else — the API, photos, exports — is never cached here: it holds personal data
//     and the offline queue, not the browser, decides what waits.
// A new build gives a new cache name (the hash of the file list and index.html); the old cache is
// dropped on activation.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'

export const SERVICE_WORKER_PATH = '/sw.js'
/** Source maps, licences, and the build's compressed copies (the browser asks for those itself). */
const SKIPPED = /\.(map|txt|LICENSE|gz|br)$/i
const ONLINE_ONLY = /echarts/i

/** The shell's URLs: every file of the build the app needs to start, '/'-rooted. */
export const shellFiles = (h5Root: string): string[] => {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (
        !SKIPPED.test(entry.name) &&
        !(entry.name.endsWith('.js') && ONLINE_ONLY.test(readFileSync(full, 'latin1')))
      )
        found.push(`/${path.relative(h5Root, full).split(path.sep).join('/')}`)
    }
  }
  walk(h5Root)
  return found.sort()
}

const workerSource = (
  cacheName: string,
  files: string[],
) => `// 党日帮扶台账: the H5 app shell, offline (server/http/offline-shell.ts).
const CACHE = ${JSON.stringify(cacheName)}
const SHELL = ${JSON.stringify(files)}
const SHELL_PATHS = new Set(SHELL)
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()))
})
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('pdrl-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})
self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/index.html'))))
    return
  }
  if (!SHELL_PATHS.has(url.pathname)) return
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(url.pathname)).then((hit) => hit || fetch(request)))
})
`

export const registerOfflineShell = (app: FastifyInstance, h5Root: string) => {
  const files = shellFiles(h5Root)
  const version = createHash('sha256')
    .update(files.join('\n'))
    .update(readFileSync(path.join(h5Root, 'index.html')))
    .digest('hex')
    .slice(0, 16)
  const source = workerSource(`pdrl-shell-${version}`, files)
  app.get(SERVICE_WORKER_PATH, (_req, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      // Browsers check for a new worker on each visit; no cache may keep an old one.
      .header('cache-control', 'no-cache')
      .send(source),
  )
}
