// Builds dist/h5 when it is missing or older than the sources it is built from (npm start and the
// browser tests call this; a fresh build takes about half a minute).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const built = path.join(root, 'dist/h5/index.html')
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
console.log('Building the H5 app (dist/h5)…')
const result = spawnSync('npm', ['run', '--silent', 'build:h5'], { cwd: root, stdio: 'inherit' })
process.exit(result.status ?? 1)
