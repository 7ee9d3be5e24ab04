// Each reliability suite reports its figures: one line on the console, `[figures] suite: k=v …`,
// and the same as JSON in test-results/reliability/<suite>.json, from which docs/reliability.md
// is updated.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const OUT_DIR = path.resolve(import.meta.dirname, '../../test-results/reliability')

export const reportFigures = (suite: string, figures: Record<string, string | number | boolean>) => {
  const line = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')
  console.log(`[figures] ${suite}: ${line}`)
  mkdirSync(OUT_DIR, { recursive: true })
  writeFileSync(
    path.join(OUT_DIR, `${suite}.json`),
    `${JSON.stringify({ suite, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  )
}
