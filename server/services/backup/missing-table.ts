// A model's table is not in the database (P2021; PostgreSQL's 42P01 through the adapter): a
// database an upgrade has not migrated yet.
export const isMissingTable = (error: unknown): boolean => {
  for (let layer: unknown = error, depth = 0; layer && typeof layer === 'object' && depth < 5; depth += 1) {
    const { code, meta, cause } = layer as { code?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown }
    if (code === 'P2021' || code === '42P01') return true
    const kind = (cause as { kind?: unknown } | undefined)?.kind
    if (kind === 'TableDoesNotExist') return true
    layer = meta?.driverAdapterError ?? cause
  }
  return false
}
