// `npm run size`: one JSON line with the sizes that have budgets, from the last builds.
//   weappMainPackageBytes  every file of dist/weapp outside the subpackages (WeChat's limit: 2 MB)
//   h5InitialJsGzipBytes   gzip size of the JS that dist/h5/index.html loads
// Exits 1 when a budget is exceeded. `--quiet` prints only the JSON line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGETS = { weappMainPackageBytes: 600 * 1024, h5InitialJsGzipBytes: 150 * 1024 }
const root = path.resolve(import.meta.dirname, '..')
const weapp = path.join(root, 'dist/weapp')
const h5 = path.join(root, 'dist/h5')

const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )

const result = {}
if (existsSync(path.join(weapp, 'app.json'))) {
  const { subPackages = [], subpackages = [] } = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8'))
  const roots = [...subPackages, ...subpackages].map((p) => `${p.root.replace(/\/$/, '')}/`)
  const subpackageBytes = Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0]))
  let main = 0
  for (const file of filesUnder(weapp)) {
    const relative = path.relative(weapp, file).split(path.sep).join('/')
    const size = statSync(file).size
    const owner = roots.find((r) => relative.startsWith(r))
    if (owner) subpackageBytes[owner.slice(0, -1)] += size
    else main += size
  }
  result.weappMainPackageBytes = main
  result.weappSubpackageBytes = subpackageBytes
}
if (existsSync(path.join(h5, 'index.html'))) {
  const html = readFileSync(path.join(h5, 'index.html'), 'utf8')
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])
  let raw = 0
  let gzip = 0
  for (const src of scripts) {
    const bytes = readFileSync(path.join(h5, src.replace(/^\//, '')))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  result.h5InitialJsBytes = raw
  result.h5InitialJsGzipBytes = gzip
}

const over = Object.entries(BUDGETS).filter(([key, budget]) => typeof result[key] === 'number' && result[key] > budget)
const missing = Object.keys(BUDGETS).filter((key) => typeof result[key] !== 'number')
console.log(JSON.stringify({ ...result, budgets: BUDGETS, withinBudget: !over.length && !missing.length }))
if (!process.argv.includes('--quiet')) {
  for (const [key, budget] of over) console.error(`${key} is ${result[key]} bytes, over the budget of ${budget}`)
  for (const key of missing) console.error(`${key}: nothing built (npm run build)`)
}
process.exit(over.length || missing.length ? 1 : 0)
