// `node scripts/ensure-build.mjs h5|weapp`: builds dist/<target> when it is missing or older than
// the sources it is built from. npm start (h5), the browser tests (h5) and the mini-program
// smoke test (weapp) call it. A fresh H5 build takes one to two minutes on two cores.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const target = process.argv[2]
const marker = { h5: 'index.html', weapp: 'app.js' }[target]
if (!marker) {
  console.error('usage: ensure-build.mjs h5|weapp')
  process.exit(2)
}
const root = path.resolve(import.meta.dirname, '..')
const built = path.join(root, 'dist', target, marker)
const SOURCES = ['src', 'common', 'config', 'server/routers', 'babel.config.cjs', 'package-lock.json']

const newest = (entry) => {
  const full = path.join(root, entry)
  if (!existsSync(full)) return 0
  const stat = statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(full).reduce((latest, child) => Math.max(latest, newest(path.join(entry, child))), stat.mtimeMs)
}

const isStale = !existsSync(built) || SOURCES.some((entry) => newest(entry) > statSync(built).mtimeMs)
if (!isStale) process.exit(0)
console.log(`Building the ${target === 'h5' ? 'H5 app' : 'mini-program'} (dist/${target})…`)
const result = spawnSync('npm', ['run', '--silent', `build:${target}`], { cwd: root, stdio: 'inherit' })
process.exit(result.status ?? 1)
