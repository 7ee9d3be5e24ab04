// Sizes: the weapp main package and the H5 first screen's JavaScript, as
// `npm run size` reports them against their budgets, built first if the sources are newer. One
// JSON line, like the other measures; the budgets are the baseline.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

for (const target of ['weapp', 'h5']) {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-build.mjs'), target], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (built.status !== 0) throw new Error(`building ${target} failed`)
}
const size = spawnSync(process.execPath, [path.join(ROOT, 'scripts/size.mjs'), '--quiet'], {
  cwd: ROOT,
  encoding: 'utf8',
})
const report = JSON.parse(size.stdout) as {
  weappMainPackageBytes: number
  h5InitialJsBytes: number
  h5InitialJsGzipBytes: number
  budgets: Record<string, number>
  withinBudget: boolean
}
console.log(
  JSON.stringify({
    measure: 'sizes',
    weappMainPackageBytes: report.weappMainPackageBytes,
    h5InitialJsBytes: report.h5InitialJsBytes,
    h5InitialJsGzipBytes: report.h5InitialJsGzipBytes,
    budgets: report.budgets,
    withinBudget: report.withinBudget,
  }),
)
process.exitCode = report.withinBudget ? 0 : 1
