// The Prisma client, always on @prisma/adapter-pg: the embedded database and production differ
// only in the connection string and the pool size.
import { PrismaPg } from '@prisma/adapter-pg'
import { type Prisma, PrismaClient } from '../generated/prisma/client'

export type Db = PrismaClient
/** What services take: the client itself or an open transaction. */
export type Tx = Prisma.TransactionClient

export const createPrismaClient = ({
  url,
  poolSize = 10,
  connectionWaitMs = 10_000,
}: {
  url: string
  poolSize?: number
  /**
   * How long a query, or a transaction, waits for a free connection before the database counts as
   * unavailable (Prisma's own wait for a transaction, `maxWait`, would otherwise be 2 s).
   */
  connectionWaitMs?: number
}): Db =>
  new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectionWaitMs }),
    transactionOptions: { maxWait: connectionWaitMs },
  })

/**
 * For a page cut from many candidate rows (`ORDER BY … LIMIT`): load the page's relations with
 * separate queries over its own ids. Relations are otherwise loaded with joins (the schema's
 * `relationJoins`: one statement for a record and its relations), and PostgreSQL would join every
 * candidate row before the sort keeps a page of them (docs/scaling.md).
 */
export const PAGE_RELATIONS = { relationLoadStrategy: 'query' } as const

type Tasks = readonly (() => unknown)[]

/**
 * Runs independent queries: in parallel on the pool, one after another inside a transaction
 * (a transaction is one connection, and pg refuses overlapping queries on a connection).
 */
export const runAll = async <const T extends Tasks>(
  db: Tx,
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> => {
  const isPool = '$transaction' in db
  if (isPool) return (await Promise.all(tasks.map((task) => task()))) as never
  const results: unknown[] = []
  for (const task of tasks) results.push(await task())
  return results as never
}
