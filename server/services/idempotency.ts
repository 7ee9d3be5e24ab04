// Exactly-once mutations. A mutation's input may carry a `clientMutationId` (a UUID the device
// made). The key (user, clientMutationId) is claimed inside the mutation's own transaction,
// before the work, and the result is stored there too; so either both commit or neither does.
//
// Under READ COMMITTED, a second call with the same key blocks on the unique index until the
// first commits, then fails with P2002; we then re-read the key and return the stored result.
// The same key with a different input is refused: it is a client bug, not a retry.
import { createHash } from 'node:crypto'
import superjson, { type SuperJSONResult } from 'superjson'
import type { Db, Tx } from '../db/client'
import { AppError } from '../errors'
import { Prisma } from '../generated/prisma/client'
import { isUniqueViolation } from '../lib/db-errors'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Sorted-key JSON, so that the same input always hashes the same. */
const stableJson = (value: unknown): string => {
  if (value instanceof Date) return JSON.stringify(value.toISOString())
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

const requestHashOf = (procedure: string, rawInput: unknown) =>
  createHash('sha256')
    .update(`${procedure}\n${stableJson(rawInput)}`)
    .digest('hex')

/** What a tRPC middleware's `next()` resolves to, reduced to what we use. */
type StepResult = { ok: true; data: unknown } | { ok: false }

/** Carries a failed result out of the transaction callback, so that Prisma rolls back. */
class RollBack<R> extends Error {
  constructor(readonly result: R) {
    super('rolled back')
  }
}

type StoredKey = { procedure: string; requestHash: string; result: Prisma.JsonValue }

const replay = <R extends StepResult>(stored: StoredKey, procedure: string, requestHash: string): R => {
  if (stored.procedure !== procedure || stored.requestHash !== requestHash || stored.result === null) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED')
  }
  // The middleware contract only checks `ok` and `data`; the marker is tRPC-internal.
  return {
    ok: true,
    data: superjson.deserialize(stored.result as unknown as SuperJSONResult),
    marker: 'middlewareMarker',
  } as unknown as R
}

export const runIdempotent = async <R extends StepResult>({
  prisma,
  userId,
  procedure,
  rawInput,
  run,
}: {
  prisma: Db
  /** Without a user (login) there is no key to claim; the call is just transactional. */
  userId: string | null
  procedure: string
  rawInput: unknown
  run: (tx: Tx) => Promise<R>
}): Promise<R> => {
  const clientMutationId = userId ? readClientMutationId(rawInput) : null
  const requestHash = clientMutationId ? requestHashOf(procedure, rawInput) : ''
  const keyWhere = userId && clientMutationId ? { userId_clientMutationId: { userId, clientMutationId } } : null
  try {
    return await prisma.$transaction(
      async (tx) => {
        if (keyWhere && userId && clientMutationId) {
          const existing = await tx.idempotencyKey.findUnique({ where: keyWhere })
          if (existing) return replay<R>(existing, procedure, requestHash)
          await tx.idempotencyKey.create({ data: { userId, clientMutationId, procedure, requestHash } })
        }
        const result = await run(tx)
        if (!result.ok) throw new RollBack(result)
        if (keyWhere) {
          const stored = superjson.serialize(result.data) as unknown as Prisma.InputJsonValue
          await tx.idempotencyKey.update({ where: keyWhere, data: { result: stored } })
        }
        return result
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 15_000, maxWait: 10_000 },
    )
  } catch (error) {
    if (error instanceof RollBack) return error.result as R
    if (keyWhere && isUniqueViolation(error)) {
      // A concurrent call with the same key committed first: answer with its result.
      const winner = await prisma.idempotencyKey.findUnique({ where: keyWhere })
      if (winner) return replay<R>(winner, procedure, requestHash)
    }
    throw error
  }
}
