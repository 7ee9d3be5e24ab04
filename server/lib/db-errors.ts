// Recognising database errors by their codes, the same on every adapter. (A P2002's `meta.target`
// differs between adapters, so callers match on `code` alone.)

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** P2002: a unique constraint refused the write. */
export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === 'P2002'

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

/** The database is down or restarting: the request may be retried, nothing was written. */
export const isDatabaseUnavailable = (error: unknown, depth = 0): boolean => {
  if (!error || typeof error !== 'object' || depth > 4) return false
  const code = codeOf(error)
  if (code && UNAVAILABLE_CODES.has(code)) return true
  const kind = (error as { cause?: { kind?: unknown } }).cause?.kind
  if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true
  const message = (error as { message?: unknown }).message
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
  // With driver adapters, Prisma wraps the driver's error (P2039, P2010) and keeps it in meta.
  const driverError = (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError
  if (driverError && isDatabaseUnavailable(driverError, depth + 1)) return true
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1)
}
