// Exactly-once mutations. A mutation's input may carry a `clientMutationId` (a UUID the device
// made). The key (user, clientMutationId) is claimed inside the mutation's own transaction,
// before the work, and the result is stored there too; so either both commit or neither does.
//
// Under READ COMMITTED, a second call with the same key blocks on the unique index until the
// first commits; its claim (ON CONFLICT DO NOTHING) then inserts nothing, and it returns the
// stored result instead. If the first rolled back, the second claims the key and runs.
// READ COMMITTED is PostgreSQL's default and is not SET on each transaction (a round trip more
// for every mutation); under a stricter default the claim fails with a serialization error, and
// the transaction runs again (below) and finds the stored result.
// The same key with a different input is refused: it is a client bug, not a retry.
//
// A mutation that writes in one statement (`meta.writesInOneStatement`: donation.create, the
// write path measured in docs/benchmarks.md) opens no transaction: its statement stores the key
// with the result beside the rows it writes (`storeRetryKey`), and a statement that finds the key
// taken fails whole. A call of it that fails looks for its key, and answers from the stored
// result when there is one, as above (its checks ran before the write, and a replay's may fail
// on what the first call wrote).
//
// Inputs and results hold personal data, so neither is kept in the clear: the input is kept as a
// keyed digest (an ID number's plain hash could be brute-forced) and the result encrypted.
import { setTimeout } from 'node:timers/promises'
import { parse, stringify } from '../../common/wire-format'
import type { Db, Tx } from '../db/client'
import { AppError } from '../errors'
import { Prisma } from '../generated/prisma/client'
import { isWriteConflict } from '../lib/db-errors'
import type { FieldCrypto } from '../lib/field-crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Sorted-key JSON, so that the same input always hashes the same. */
const stableJson = (value: unknown): string => {
  // (The input's depth is bounded before this runs: server/lib/input-hygiene.ts.)
  // (An invalid Date has no ISO form; it is still an input to fingerprint, not a crash.)
  if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString())
  if (typeof value === 'bigint') return JSON.stringify(`${value}n`)
  if (value instanceof Map || value instanceof Set) return stableJson([...value])
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => key !== 'clientMutationId' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export const readClientMutationId = (rawInput: unknown): string | null => {
  const id = (rawInput as { clientMutationId?: unknown } | null)?.clientMutationId
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null
}

const requestOf = (procedure: string, rawInput: unknown) => `${procedure}\n${stableJson(rawInput)}`

/** The stored result: in the API's wire format, encrypted. */
type SealedResult = { sealed: string; format: 'wire' }

const seal = (crypto: FieldCrypto, data: unknown): SealedResult => ({
  sealed: crypto.encrypt(stringify(data), 'idempotency.result'),
  format: 'wire',
})

const unseal = (crypto: FieldCrypto, stored: Prisma.JsonValue): unknown => {
  const { sealed } = stored as SealedResult
  return parse(crypto.decrypt(sealed, 'idempotency.result'))
}

/** Runs of one transaction when PostgreSQL keeps choosing it as a deadlock's victim. */
const WRITE_CONFLICT_ATTEMPTS = 3

/** Calls with a retry key that are running in this process, by user and key. */
const inFlight = new Map<string, Promise<unknown>>()

const noop = () => {}

/** What a tRPC middleware's `next()` resolves to, reduced to what we use. */
export type StepResult = { ok: true; data: unknown } | { ok: false; error?: { cause?: unknown } }

/** Carries a failed result out of the transaction callback, so that Prisma rolls back. */
class RollBack<R> extends Error {
  constructor(readonly result: R) {
    super('rolled back')
  }
}

type StoredKey = { procedure: string; requestHash: string; result: Prisma.JsonValue }

/** A call's retry key, handed to a procedure that stores it in its own write statement. */
export type RetryKey = {
  readonly userId: string
  readonly clientMutationId: string
  readonly procedure: string
  readonly requestHash: string
  /** The sealed result, once `storeRetryKey` has put the key in a statement. */
  sealed?: SealedResult
}

/**
 * The INSERT that stores `key` with the call's `result`, for a WITH list: one key for the one row
 * of `source` (a CTE that holds a row only when the statement writes), none when it holds none.
 * The key's primary index makes a second statement with it wait for the first, then fail whole.
 */
export const storeRetryKey = (crypto: FieldCrypto, key: RetryKey, result: unknown, source: Prisma.Sql): Prisma.Sql => {
  key.sealed = seal(crypto, result)
  return Prisma.sql`INSERT INTO "IdempotencyKey" ("userId", "clientMutationId", "procedure", "requestHash", "result")
    SELECT ${key.userId}::uuid, ${key.clientMutationId}::uuid, ${key.procedure}, ${key.requestHash},
           ${JSON.stringify(key.sealed)}::jsonb
      FROM ${source}`
}

const replay = <R extends StepResult>(
  crypto: FieldCrypto,
  stored: StoredKey,
  procedure: string,
  request: string,
): R => {
  // A key stored before a key rotation carries the digest under the previous key.
  const isSameRequest = crypto.matchesDigest(request, stored.requestHash)
  if (stored.procedure !== procedure || !isSameRequest || stored.result === null) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED')
  }
  // The middleware contract only checks `ok` and `data`; the marker is tRPC-internal.
  return { ok: true, data: unseal(crypto, stored.result), marker: 'middlewareMarker' } as unknown as R
}

export const runIdempotent = async <R extends StepResult>({
  prisma,
  crypto,
  userId,
  procedure,
  rawInput,
  run,
  guard,
  timeoutMs = 15_000,
  inOneStatement = false,
}: {
  prisma: Db
  crypto: FieldCrypto
  /** Without a user (login), or for a procedure that must never be replayed, there is no key to claim. */
  userId: string | null
  procedure: string
  rawInput: unknown
  /** The work: in a transaction, or, `inOneStatement`, on the pool with the key to store. */
  run: (db: Tx, retryKey: RetryKey | null) => Promise<R>
  /**
   * Wraps each real execution (not a replay of a stored or in-flight result), outside its
   * transaction: the lockout's claim for procedures that prove something.
   */
  guard?: ((execute: () => Promise<R>) => Promise<R>) | undefined
  /** How long the transaction may stay open: longer for a whole roster import than for a form. */
  timeoutMs?: number
  /** The work is one statement that stores the key itself (`storeRetryKey`): no transaction. */
  inOneStatement?: boolean
}): Promise<R> => {
  const clientMutationId = userId ? readClientMutationId(rawInput) : null
  const request = clientMutationId ? requestOf(procedure, rawInput) : ''
  const keyWhere = userId && clientMutationId ? { userId_clientMutationId: { userId, clientMutationId } } : null

  const attempt = async (): Promise<R> => {
    try {
      return await prisma.$transaction(
        async (tx) => {
          if (keyWhere && userId && clientMutationId) {
            // Claim the key in one statement (INSERT … ON CONFLICT DO NOTHING): a key another
            // call holds uncommitted makes this wait for it; one already there is replayed.
            const requestHash = crypto.digest(request)
            const { count } = await tx.idempotencyKey.createMany({
              data: [{ userId, clientMutationId, procedure, requestHash }],
              skipDuplicates: true,
            })
            if (count === 0) {
              const existing = await tx.idempotencyKey.findUniqueOrThrow({ where: keyWhere })
              return replay<R>(crypto, existing, procedure, request)
            }
          }
          const result = await run(tx, null)
          if (!result.ok) throw new RollBack(result)
          if (keyWhere) {
            await tx.idempotencyKey.update({ where: keyWhere, data: { result: seal(crypto, result.data) } })
          }
          return result
        },
        { timeout: timeoutMs },
      )
    } catch (error) {
      if (error instanceof RollBack) return error.result as R
      throw error
    }
  }

  const attemptInOneStatement = async (): Promise<R> => {
    const key: RetryKey | null =
      userId && clientMutationId ? { userId, clientMutationId, procedure, requestHash: crypto.digest(request) } : null
    const result = await run(prisma, key)
    if (!key || !keyWhere) return result
    if (result.ok) {
      if (!key.sealed) throw new Error(`${procedure} writes in one statement but did not store its retry key`)
      return result
    }
    // The statement found the key taken (a unique violation), or a check before it failed where
    // the first call's write made it fail (the id that call recorded, now taken): a call with the
    // same key committed first, and is replayed, as the transaction's claim would replay it.
    const stored = await prisma.idempotencyKey.findUnique({ where: keyWhere }).catch(() => null)
    if (stored) return replay<R>(crypto, stored, procedure, request)
    return result
  }
  // PostgreSQL aborts one transaction of a deadlock (two writers taking the same rows in
  // different orders, e.g. the statistics rollups' triggers at commit). The victim wrote nothing;
  // it runs again after a short, random pause rather than failing a user who did nothing wrong.
  const transact = async (): Promise<R> => {
    for (let tries = 1; ; tries += 1) {
      let conflict: unknown
      try {
        const result = await (inOneStatement ? attemptInOneStatement() : attempt())
        // A statement inside the procedure failed: tRPC hands it back as a failed result.
        if (result.ok || !isWriteConflict(result.error?.cause)) return result
        conflict = result.error?.cause
      } catch (error) {
        // The commit failed (a deferred trigger's statement), or a caller outside tRPC threw.
        if (!isWriteConflict(error)) throw error
        conflict = error
      }
      if (tries === WRITE_CONFLICT_ATTEMPTS) {
        throw new AppError('DATABASE_BUSY', { cause: conflict })
      }
      await setTimeout(5 + Math.random() * 20 * tries)
    }
  }
  const execute = guard ? () => guard(transact) : transact
  if (!keyWhere) return execute()

  // Retries of one call often arrive together (a flaky network, a queue flushed twice). In this
  // process they wait for the first, holding no connection, rather than each opening a transaction
  // that then waits on the key's index lock: fifty of those would exhaust the pool.
  const flight = `${userId}:${clientMutationId}`
  let hasWaited = false
  for (let ahead = inFlight.get(flight); ahead; ahead = inFlight.get(flight)) {
    hasWaited = true
    await ahead.then(noop, noop)
  }
  const mine = (async () => {
    // A call that waited for another with its key most likely finds that one's result, and a
    // replay must not count as an attempt under a lockout: those look for a committed key first
    // and answer without a transaction. A first call goes straight to its transaction, whose
    // claim finds a committed key as well (one round trip fewer for every new mutation).
    if (hasWaited || guard) {
      const stored = await prisma.idempotencyKey.findUnique({ where: keyWhere })
      if (stored?.result) return replay<R>(crypto, stored, procedure, request)
    }
    return execute()
  })()
  inFlight.set(flight, mine)
  try {
    return await mine
  } finally {
    if (inFlight.get(flight) === mine) inFlight.delete(flight)
  }
}
