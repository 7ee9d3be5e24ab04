// Several raw reads in one statement: one round trip, one statement for PostgreSQL to parse and
// plan, one for the server to send and decode, where each read alone costs a statement of its own
// (the pg driver's write, Prisma's query pipeline, PostgreSQL's per-statement work). For a request
// made of many small reads, such as the 工作台's totals, that per-statement cost is most of it.
//
// Code that reads through `$queryRaw` takes a RawReader; a batch's reader collects each query
// instead of sending it, and `flush` sends them together as
//   SELECT json_build_array((SELECT coalesce(json_agg(q), '[]') FROM (<query 1>) q), …)
// and hands each its rows. A subquery keeps its own ORDER BY and LIMIT, and json_agg keeps the
// order its subquery gives (nothing else happens at that level). The rows come back as JSON:
// numbers, BIGINT sums included, arrive as JS numbers, refused beyond 2^53 (as server/lib/fen.ts
// refuses); dates as ISO text. A query made after the flush is sent on its own.

import { Prisma } from '../generated/prisma/client'
import type { Tx } from './client'

/** What reads through `$queryRaw` need: the client, a transaction, or a batch's reader. */
export type RawReader = {
  $queryRaw: <T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => PromiseLike<T>
}

type Pending = { sql: Prisma.Sql; resolve: (rows: unknown) => void; reject: (error: unknown) => void }

const isSql = (query: TemplateStringsArray | Prisma.Sql): query is Prisma.Sql => query instanceof Prisma.Sql

/** Integers from JSON stay exact or are refused, as BIGINT columns converted to numbers are. */
const exactIntegers = (_key: string, value: unknown) => {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    throw new RangeError(`${value} is beyond the exact range of a number`)
  return value
}

/**
 * A number token past 2^53 has 16 digits or more before any point, or an exponent: a text with no
 * such token holds no inexact integer and is parsed without checking every value (a reviver makes
 * JSON.parse several times slower). A token opens the text or follows `:`, `,` or `[`.
 */
const MAYBE_INEXACT = /(?:^|[:,[])\s*-?(?:\d{16}|\d+(?:\.\d+)?[eE])/

export const parseExact = (text: string): unknown =>
  JSON.parse(text, MAYBE_INEXACT.test(text) ? exactIntegers : undefined)

export const rawBatch = (db: Tx) => {
  let pending: Pending[] | null = []
  const reader: RawReader = {
    $queryRaw: <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T> => {
      const sql = isSql(query) ? query : Prisma.sql(query, ...values)
      const queue = pending
      if (!queue) return db.$queryRaw<T>(sql)
      return new Promise<T>((resolve, reject) => {
        queue.push({ sql, resolve: resolve as (rows: unknown) => void, reject })
      })
    },
  }
  /** Sends the queries collected so far, as one statement; later ones go alone. */
  const flush = async (): Promise<void> => {
    const queries = pending ?? []
    pending = null
    if (!queries.length) return
    try {
      const parts = queries.map((q) => Prisma.sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${q.sql}) q)`)
      const [row] = await db.$queryRaw<
        { rows: string }[]
      >`SELECT json_build_array(${Prisma.join(parts)})::text AS "rows"`
      const results = parseExact(row?.rows ?? '[]') as unknown[]
      queries.forEach((q, i) => {
        q.resolve(results[i])
      })
    } catch (error) {
      for (const q of queries) q.reject(error)
    }
  }
  return { reader, flush }
}

/**
 * Runs `reads` with a batch's reader and sends what it queried as one statement. `reads` must make
 * its queries before it first awaits (any made later go alone).
 */
export const inOneStatement = async <T>(db: Tx, reads: (reader: RawReader) => PromiseLike<T>): Promise<T> => {
  const batch = rawBatch(db)
  const [result] = await Promise.all([reads(batch.reader), batch.flush()])
  return result
}
