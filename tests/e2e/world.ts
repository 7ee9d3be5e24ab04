// The browser tests' world for one test file: started before its tests and stopped after them
// (stopping fails the file if a page broke its Content-Security-Policy). The handle stands for
// the world before it has started, so a file can name it at its top.
import { afterAll, beforeAll } from 'vitest'
import { type E2E, startE2E } from './harness'

export const worldForThisFile = (options: Parameters<typeof startE2E>[0] = {}): E2E => {
  let world: E2E | undefined
  beforeAll(async () => {
    world = await startE2E(options)
  })
  afterAll(() => world?.stop())
  const started = () => {
    if (!world) throw new Error('the browser tests’ world has not started (use it inside a test)')
    return world
  }
  return {
    get server() {
      return started().server
    },
    get browser() {
      return started().browser
    },
    get baseUrl() {
      return started().baseUrl
    },
    get cspViolations() {
      return started().cspViolations
    },
    stop: () => started().stop(),
  }
}
