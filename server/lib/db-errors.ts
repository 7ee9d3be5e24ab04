// Recognising database errors by their codes, the same on every adapter. (A P2002's `meta.target`
// differs between adapters, so callers match on `code` alone.)

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

// Prisma: can't reach / timed out / connection closed / pool timeout / transaction not started in
// time. Postgres SQLSTATE 57P0x: the server is shutting down or starting. Node: the socket went away.
const UNAVAILABLE_CODES = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2028',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
])
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])

// …and the overloaded pool: no connection, or no transaction, within the wait (retry later).
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Can't reach database server|ECONNREFUSED|encountered a connection error|terminating connection|timeout exceeded when trying to connect|Unable to start a transaction in the given time/

/**
 * Whether `error`, or a driver error Prisma wrapped inside it (its `meta` or `cause`), matches.
 * With driver adapters Prisma keeps the driver's error in `meta.driverAdapterError` (P2039, P2010).
 */
const anyLayer = (error: unknown, matches: (layer: object) => boolean, depth = 0): boolean => {
  if (!error || typeof error !== 'object' || depth > 4) return false
  if (matches(error)) return true
  const driverError = (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError
  if (driverError && anyLayer(driverError, matches, depth + 1)) return true
  return anyLayer((error as { cause?: unknown }).cause, matches, depth + 1)
}

const kindOf = (layer: object): unknown => (layer as { cause?: { kind?: unknown } }).cause?.kind

/** A unique constraint refused the write: P2002 from a model query, the adapter's kind from raw SQL. */
export const isUniqueViolation = (error: unknown): boolean =>
  anyLayer(error, (layer) => codeOf(layer) === 'P2002' || kindOf(layer) === 'UniqueConstraintViolation')

/** The database is down or restarting: the request may be retried, nothing was written. */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  anyLayer(error, (layer) => {
    const code = codeOf(layer)
    if (code && UNAVAILABLE_CODES.has(code)) return true
    const kind = kindOf(layer)
    if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true
    const message = (layer as { message?: unknown }).message
    return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)
  })

// Prisma's P2034, the adapter's kind for it, and PostgreSQL's SQLSTATEs for a deadlock victim
// and a serialization failure.
const WRITE_CONFLICT_CODES = new Set(['P2034', '40P01', '40001'])

/**
 * PostgreSQL aborted the transaction to break a deadlock (or a serialization failure): it wrote
 * nothing and did nothing wrong, and the same transaction run again will most likely succeed.
 */
export const isWriteConflict = (error: unknown): boolean =>
  anyLayer(error, (layer) => {
    const code = codeOf(layer)
    return (code !== undefined && WRITE_CONFLICT_CODES.has(code)) || kindOf(layer) === 'TransactionWriteConflict'
  })
