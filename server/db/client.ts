// The Prisma client, always on @prisma/adapter-pg: the embedded database and production differ
// only in the connection string and the pool size.
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { type Prisma, PrismaClient } from '../generated/prisma/client'
import { statementNamer } from './statement-names'

export type Db = PrismaClient
/** What services take: the client itself or an open transaction. */
export type Tx = Prisma.TransactionClient

/** The pool each client made here queries through. */
const pools = new WeakMap<Db, pg.Pool>()

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
}): Db => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectionWaitMs })
  const prisma = new PrismaClient({
    // $disconnect ends the pool, as it ends one the adapter made itself.
    adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: statementNamer() }),
    transactionOptions: { maxWait: connectionWaitMs },
  })
  pools.set(prisma, pool)
  return prisma
}

/**
 * The connection pool under a client made by createPrismaClient (ended with it), for the one
 * statement every request sends, which goes without Prisma's query pipeline (services/auth/sessions.ts).
 */
export const poolOf = (db: Db): pg.Pool | undefined => {
  const pool = pools.get(db)
  // After $disconnect the client opens a pool of its own when used again.
  return pool && !pool.ending && !pool.ended ? pool : undefined
}

/**
 * For a page cut from many candidate rows (`ORDER BY … LIMIT`): load the page's relations with
 * separate queries over its own ids. Relations are otherwise loaded with joins (the schema's
 * `relationJoins`: one statement for a record and its relations), and PostgreSQL would join every
 * candidate row before the sort keeps a page of them (docs/scaling.md).
 */
export const PAGE_RELATIONS = { relationLoadStrategy: 'query' } as const

/** Relations loaded with joins: one statement for the rows and all their relations. */
export const JOINED_RELATIONS = { relationLoadStrategy: 'join' } as const

/**
 * A page cut from many candidate rows, in two statements whatever its relations: `pageIds` sorts
 * and cuts the candidates loading no relation (`ORDER BY … LIMIT`, ids only), then `rowsOf` reads
 * those rows with their relations joined (JOINED_RELATIONS), which PostgreSQL then joins for the
 * page's rows only. PAGE_RELATIONS would cost a statement a relation. The rows come back in the
 * order of the ids; `rowsOf` should keep the page's filter beside the ids, so that a row changed
 * between the two statements is left out rather than shown out of scope.
 */
export const findPage = async <Row extends { id: string }>(
  pageIds: () => Promise<readonly { id: string }[]>,
  rowsOf: (ids: string[]) => Promise<Row[]>,
): Promise<Row[]> => {
  const ids = (await pageIds()).map((row) => row.id)
  if (!ids.length) return []
  const byId = new Map((await rowsOf(ids)).map((row) => [row.id, row]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row ? [row] : []
  })
}

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
