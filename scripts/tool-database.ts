// The database a maintenance command works on: DATABASE_URL, or the embedded one under DATA_DIR
// (started for the command if the server is not running), with a small pool.
import path from 'node:path'
import { createPrismaClient, type Db } from '../server/db/client'
import { openDatabase } from '../server/db/database'

/** Runs `work` on the database and closes it; the process exits with the code `work` returns. */
export const runOnToolDatabase = async (work: (prisma: Db) => Promise<number>): Promise<never> => {
  const database = await openDatabase(
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
