// Sums the suites' reports into the one line CI ends with: "N passed, N failed".
//   node scripts/test-totals.mjs [--checks <passed> <failed>] report.json...
// Reports are vitest JSON (numPassedTests, numFailedTests) or the same two fields from our own
// runners. A missing or unreadable report (a suite that crashed) counts as a failure.
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
let passed = 0
let failed = 0
const checksAt = args.indexOf('--checks')
if (checksAt >= 0) {
  passed += Number(args[checksAt + 1] ?? 0)
  failed += Number(args[checksAt + 2] ?? 0)
  args.splice(checksAt, 3)
}
for (const file of args) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'))
    passed += report.numPassedTests ?? 0
    failed += report.numFailedTests ?? 0
    // A file that failed to load has no failed tests, only a failed suite.
    if (report.success === false && !report.numFailedTests) failed += Math.max(1, report.numFailedTestSuites ?? 0)
  } catch (error) {
    console.error(`no usable report at ${file}: ${error instanceof Error ? error.message : error}`)
    failed += 1
  }
}
if (!args.length) failed += 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
