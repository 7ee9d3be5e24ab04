// Parses every dist/weapp/**/*.js with acorn as ES5 and greps for class/=>/#private.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'acorn'

const root = process.argv[2] || 'dist/weapp'
const files = []
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f)
    statSync(p).isDirectory() ? walk(p) : p.endsWith('.js') && files.push(p)
  }
}
walk(root)
let bad = 0
for (const f of files) {
  const src = readFileSync(f, 'utf8')
  try {
    parse(src, { ecmaVersion: 5, sourceType: 'script', allowReserved: true })
  } catch (e) {
    bad++
    const pos = e.pos ?? 0
    console.log(
      `NOT ES5: ${f}: ${e.message}\n   ...${src.slice(Math.max(0, pos - 120), pos + 80).replace(/\n/g, ' ')}...`,
    )
  }
}
console.log(`${files.length} files checked, ${bad} not ES5`)
process.exit(bad ? 1 : 0)
