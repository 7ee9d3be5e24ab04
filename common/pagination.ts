// Cursor pagination's result: one page of rows and where the next one starts (see ZPage in
// common/fields.ts for the request side).
export type Page<T> = { items: T[]; nextCursor: string | null }

/** Takes limit + 1 rows; the extra one only says whether there is a next page. */
export const toPage = <T extends { id: string }>(rows: T[], limit: number): Page<T> => {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null }
}
