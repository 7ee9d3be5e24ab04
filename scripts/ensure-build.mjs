// `node scripts/ensure-build.mjs h5|weapp|server`: builds dist/<target> when it is missing or older
// than the sources it is built from. npm start (h5 and server), the browser tests (h5) and the
// mini-program smoke test (weapp) call it. A fresh H5 build takes one to two minutes on two cores;
// the server's (scripts/build-server.mjs), a second or two.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const target = process.argv[2]
const marker = { h5: 'index.html', weapp: 'app.js', server: 'main.mjs' }[target]
if (!marker) {
  console.error('usage: ensure-build.mjs h5|weapp|server')
  process.exit(2)
}
const root = path.resolve(import.meta.dirname, '..')
const built = path.join(root, 'dist', target, marker)
const SOURCES =
  target === 'server'
    ? ['server', 'common', 'prisma/seed', 'scripts/build-server.mjs', 'package-lock.json']
    : ['src', 'common', 'config', 'server/routers', 'babel.config.cjs', 'package-lock.json']

const newest = (entry) => {
  const full = path.join(root, entry)
  if (!existsSync(full)) return 0
  const stat = statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(full).reduce((latest, child) => Math.max(latest, newest(path.join(entry, child))), stat.mtimeMs)
}

const isStale = !existsSync(built) || SOURCES.some((entry) => newest(entry) > statSync(built).mtimeMs)
if (!isStale) process.exit(0)
const what = { h5: 'H5 app', weapp: 'mini-program', server: 'server' }[target]
console.log(`Building the ${what} (dist/${target})…`)
const result = spawnSync('npm', ['run', '--silent', `build:${target}`], { cwd: root, stdio: 'inherit' })
process.exit(result.status ?? 1)
