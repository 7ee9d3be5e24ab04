// Where a load of the 工作台 spends its time until the LCP: one load as h5-load.ts makes it (fresh
// context, no HTTP cache, CPU throttled 4×), recorded with Chromium's tracing (the DevTools
// timeline and V8's sampling profiler), then broken down (h5-trace-breakdown.ts) into what the
// renderer's main thread did (script evaluated per file and per package, compile, style, layout,
// paint, idle) and when each request left and came back. Build with `H5_SOURCE_MAP=1 npm run
// build:h5` so that the profile's code maps to its modules.
//   npx tsx bench/h5-trace.ts [--returning] [--loads=N] [--dir=<dist/h5>] [--save=<trace.json>]
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { openHomeLoad, openSite } from './h5-site'
import { type Breakdown, breakDown } from './h5-trace-breakdown'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? undefined
const LOADS = Number(arg('loads') ?? 1)
const DIST = path.resolve(arg('dir') ?? path.join(import.meta.dirname, '../dist/h5'))
const RETURNING = process.argv.includes('--returning')
const SAVE = arg('save')

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'loading',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
].join(',')

const site = await openSite(DIST)
const results: Breakdown[] = []
try {
  for (let i = 0; i < LOADS; i += 1) {
    const { context, page, shown } = await openHomeLoad(site.e2e, RETURNING ? site.returning : site.signedInOnly)
    await site.e2e.browser.startTracing(page, { categories: CATEGORIES.split(',') })
    await page.goto(`${site.e2e.baseUrl}/#/pages/home/index`)
    await shown()
    await page.waitForTimeout(500)
    const trace = await site.e2e.browser.stopTracing()
    await context.close()
    if (SAVE) await writeFile(SAVE.replace(/\.json$/, `-${i}.json`), trace)
    const breakdown = await breakDown(JSON.parse(trace.toString('utf8')), DIST)
    results.push(breakdown)
    console.log(JSON.stringify(breakdown))
  }
} finally {
  await site.e2e.stop()
}
