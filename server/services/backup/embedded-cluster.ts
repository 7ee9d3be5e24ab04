// How the backup and restore commands reach the embedded database under DATA_DIR: the running
// server's postmaster (its port in postgres/postmaster.pid, the password in postgres-password),
// or, when no server runs, the cluster started for the command alone (no HTTP server).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { isRunning, startEmbeddedPostgres } from '../../db/embedded-postgres'

export const EMBEDDED_DATABASE = 'pdrl'

export type EmbeddedConnection = {
  url: (database?: string) => string
  /** Whether this command started the cluster (and stop() stops it); false: a server's postmaster. */
  isStartedHere: boolean
  stop: () => Promise<void>
}

const readPid = (file: string): number | null => {
  if (!existsSync(file)) return null
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

export const hasEmbeddedCluster = (dataDir: string) => existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))

/** The live postmaster of DATA_DIR's cluster, with its port (postmaster.pid's 4th line). */
export const livePostmaster = (dataDir: string): { pid: number; port: number } | null => {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid')
  const pid = readPid(file)
  if (!pid || !isRunning(pid)) return null
  const port = Number(readFileSync(file, 'utf8').split('\n')[3])
  return Number.isInteger(port) && port > 0 ? { pid, port } : null
}

/** The process that owns the running cluster (a server, or a command like this one), if alive. */
export const liveOwner = (dataDir: string): number | null => {
  const pid = readPid(path.join(dataDir, 'postgres.owner'))
  return pid && pid !== process.pid && isRunning(pid) ? pid : null
}

const noCluster = (dataDir: string) =>
  new Error(`there is no embedded database in ${dataDir} (no postgres/PG_VERSION). Check DATA_DIR.`)

/**
 * For a backup: the running server's postmaster if there is one (a backup reads one consistent
 * snapshot, beside the server's writes), else the cluster started here for the backup.
 */
export const connectForBackup = async (dataDir: string, log: (line: string) => void): Promise<EmbeddedConnection> => {
  if (!hasEmbeddedCluster(dataDir)) throw noCluster(dataDir)
  const running = livePostmaster(dataDir)
  if (running) {
    const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim()
    const url = (database = 'postgres') =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${encodeURIComponent(database)}`
    return { url, isStartedHere: false, stop: async () => {} }
  }
  const owner = liveOwner(dataDir)
  if (owner) {
    throw new Error(
      `process ${owner} owns the embedded database in ${dataDir} but its PostgreSQL is not running (a server starting or stopping?). Try again in a moment.`,
    )
  }
  log(`No server is running on ${dataDir}: starting its PostgreSQL for the backup (no HTTP server).`)
  // Refuses if another process takes the folder meanwhile; stops a postmaster a killed server left.
  const embedded = await startEmbeddedPostgres({ dataDir, log })
  return { url: embedded.url, isStartedHere: true, stop: embedded.stop }
}

/** For a restore: only with no server on DATA_DIR; the cluster is started here. */
export const connectForRestore = async (dataDir: string, log: (line: string) => void): Promise<EmbeddedConnection> => {
  if (!hasEmbeddedCluster(dataDir)) throw noCluster(dataDir)
  const owner = liveOwner(dataDir)
  if (owner) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${owner} (a running server, \`npm start\`?). Stop it first, then run the restore again: a restore replaces the database under it.`,
    )
  }
  const embedded = await startEmbeddedPostgres({ dataDir, log })
  return { url: embedded.url, isStartedHere: true, stop: embedded.stop }
}
