// The server a benchmark measures: the real one, in a subprocess (server/main.ts), on a fresh
// embedded PostgreSQL seeded with the 前跃村 story and its households, as `npm start` would run it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type ServerProcess, startServerProcess } from '../tests/reliability/server-process'

/** Rate limits far above any benchmark's calls, so that they measure the server, not the limiter. */
export const NO_RATE_LIMITS = { RATE_LIMIT_PER_MINUTE: '10000000', RATE_LIMIT_PER_IP_PER_MINUTE: '100000000' }

/** Runs `measure` against a story server started with `env`; stops it and removes its data after. */
export const withStoryServer = async <T>(
  name: string,
  env: Record<string, string | undefined>,
  measure: (server: ServerProcess, dataDir: string) => Promise<T>,
  options: { isCompiled?: boolean; root?: string } = {},
): Promise<T> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), `pdrl-bench-${name}-`))
  // (startServerProcess finds the address in the server's info-level start-up line.)
  const server = await startServerProcess(
    { DATA_DIR: dataDir, SEED_DEMO: 'households', LOG_LEVEL: 'info', ...env },
    options,
  )
  try {
    return await measure(server, dataDir)
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
