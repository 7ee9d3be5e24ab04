// Sums vitest JSON reports into the one line CI ends with: "N passed, N failed".
// Exits non-zero when anything failed, or when a report is missing (a suite that crashed).
import { readFileSync } from 'node:fs'

let passed = 0
let failed = 0
const files = process.argv.slice(2)
for (const file of files) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'))
    passed += report.numPassedTests ?? 0
    failed += report.numFailedTests ?? 0
    // A file that failed to load has no failed tests, only a failed suite.
    if (report.success === false && !report.numFailedTests) failed += Math.max(1, report.numFailedTestSuites ?? 0)
  } catch (error) {
    console.error(`cannot read ${file}: ${error instanceof Error ? error.message : error}`)
    failed += 1
  }
}
if (!files.length) failed += 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
