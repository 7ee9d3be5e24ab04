// Cursor pagination, the same for every list: pass back `nextCursor` to get the next page.
import { z } from 'zod'

export const ZPage = z.object({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(20),
})

export const ZById = z.object({ id: z.uuid('编号格式不正确') })

export type Page<T> = { items: T[]; nextCursor: string | null }

/** Takes limit + 1 rows; the extra one only says whether there is a next page. */
export const toPage = <T extends { id: string }>(rows: T[], limit: number): Page<T> => {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null }
}
