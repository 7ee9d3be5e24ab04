// The database an operations command works on: DATABASE_URL, or the embedded one under DATA_DIR
// (started for the command if the server is not running), with a small pool. A command never
// makes the database: when there is none yet, or it lacks migrations, it says so on one line
// (what is missing, what to run) and exits with NOT_READY_EXIT_CODE, leaving nothing behind.
import path from 'node:path'
import { createPrismaClient, type Db } from '../server/db/client'
import { type DatabaseHandle, openExistingDatabase } from '../server/db/database'
import { DatabaseNotReadyError } from '../server/db/readiness'
import type { Env } from '../server/env'

/** Distinct from 1, which some commands use for a finding (a broken chain, rollups that differ). */
export const NOT_READY_EXIT_CODE = 2

/** Prints a DatabaseNotReadyError's one line and exits; anything else is left to the caller. */
export const exitIfNotReady = (error: unknown) => {
  if (!(error instanceof DatabaseNotReadyError)) return
  console.error(error.message)
  process.exit(NOT_READY_EXIT_CODE)
}

/**
 * openExistingDatabase, exiting with one line when the database is not ready. What it logs on the
 * way (starting the embedded PostgreSQL) is printed only once the database proves ready.
 */
export const openToolDatabase = async (
  env: Pick<Env, 'DATABASE_URL' | 'dataDir'>,
  log: (line: string) => void,
): Promise<DatabaseHandle> => {
  const lines: string[] = []
  try {
    const database = await openExistingDatabase(env, (line) => lines.push(line))
    for (const line of lines) log(line)
    return database
  } catch (error) {
    exitIfNotReady(error)
    throw error
  }
}

/** Runs `work` on the database and closes it; the process exits with the code `work` returns. */
export const runOnToolDatabase = async (work: (prisma: Db) => Promise<number>): Promise<never> => {
  const database = await openToolDatabase(
    { DATABASE_URL: process.env.DATABASE_URL || undefined, dataDir: path.resolve(process.env.DATA_DIR || './data') },
    () => {},
  )
  const prisma = createPrismaClient({ url: database.url, poolSize: 2 })
  let exitCode = 1
  try {
    exitCode = await work(prisma)
  } finally {
    await prisma.$disconnect()
    await database.stop()
  }
  // Exit with the verdict once the connections are closed.
  process.exit(exitCode)
}
