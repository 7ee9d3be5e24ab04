// `npm run bench`: every benchmark in turn, each in its own process, each printing one JSON line
// per measure. `--quick` gives a CI-sized run of a few seconds per measure; `--only a,b` picks
// measures by name. Results and the machine they ran on go in docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const QUICK = process.argv.includes('--quick')
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
const ONLY = onlyArg?.split(',')

type Measure = { name: string; file: string; quickEnv?: Record<string, string> }

const MEASURES: Measure[] = [
  { name: 'trpc-overhead', file: 'trpc-overhead.ts' },
  { name: 'http-floor', file: 'http-floor.ts' },
  { name: 'write-path', file: 'write-path.ts' },
  { name: 'sync-queue', file: 'sync-queue.ts' },
  { name: 'export', file: 'export.ts', quickEnv: { EXPORT_ROWS: '5000' } },
  { name: 'start', file: 'start.ts' },
  { name: 'sizes', file: 'sizes.ts' },
  { name: 'h5-load', file: 'h5-load.ts' },
  { name: 'load', file: 'load.ts', quickEnv: { LOAD_CLIENTS: '20', LOAD_SECONDS: '5' } },
  { name: 'capacity', file: 'capacity.ts' },
  { name: 'capacity-cpu', file: 'capacity-cpu.ts' },
  { name: 'dashboard', file: 'dashboard.ts' },
  { name: 'lists', file: 'lists.ts' },
  { name: 'management', file: 'management.ts' },
  { name: 'pickers', file: 'pickers.ts' },
  { name: 'http', file: 'http.ts' },
  { name: 'todos', file: 'todos.ts' },
  { name: 'reconciliation', file: 'reconciliation.ts' },
  { name: 'sign-sheet-export', file: 'sign-sheet-export.ts' },
]

let failed = 0
for (const measure of MEASURES) {
  if (ONLY && !ONLY.includes(measure.name)) continue
  console.error(`[bench] ${measure.name}${QUICK ? ' (quick)' : ''}`)
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, measure.file), ...(QUICK ? ['--quick'] : [])],
    { stdio: 'inherit', env: { ...process.env, ...(QUICK ? measure.quickEnv : {}) } },
  )
  if (result.status !== 0) {
    failed += 1
    console.error(`[bench] ${measure.name} failed (exit ${result.status ?? result.signal})`)
  }
}
process.exitCode = failed ? 1 : 0
