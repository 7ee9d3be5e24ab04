// The browser tests need dist/h5, built from the current sources.
import { execFileSync } from 'node:child_process'
import path from 'node:path'

export default function setup() {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '../../scripts/ensure-build.mjs'), 'h5'], {
    stdio: 'inherit',
  })
}
