// Text filters that match what was typed, literally. On PostgreSQL, Prisma's `contains`,
// `startsWith` and `endsWith` become LIKE (ILIKE with `mode: 'insensitive'`) with the text put in
// the pattern as it is: `%` would match everything, `_` any one character, and `\` would escape
// whatever follows it. Every text search goes through these.
import type { Prisma } from '../generated/prisma/client'

/** `text` with LIKE's wildcards and its escape character (backslash, PostgreSQL's default) escaped. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&')

/** A column that contains `text` as typed; `insensitive` for codes, where case carries no meaning. */
export const containsText = (text: string, mode: Prisma.QueryMode = 'default') =>
  ({ contains: escapeLike(text), mode }) satisfies Prisma.StringFilter

/** A column that starts with `text` as typed (a materialised path's subtree). */
export const startsWithText = (text: string) => ({ startsWith: escapeLike(text) }) satisfies Prisma.StringFilter
