// Names for the SQL statements Prisma sends, so that each pooled connection prepares a statement
// once and then only binds and executes it: PostgreSQL parses, analyses and plans it once per
// connection (its plan cache then chooses between custom and generic plans as it does for any
// prepared statement), and the statement's text is not sent again. Prisma's statements come from a
// fixed set of queries, their texts differing only in the number of placeholders of an IN list, so
// the distinct texts are few; past MAX_NAMED of them a new text goes unnamed, as every statement
// would without this, so that neither this map nor the connections' prepared statements grow
// without bound.
import { createHash } from 'node:crypto'

const MAX_NAMED = 2_000

export const statementNamer = (): ((query: { sql: string }) => string) => {
  const names = new Map<string, string>()
  return ({ sql }) => {
    const known = names.get(sql)
    if (known !== undefined) return known
    // '' leaves the statement unnamed (pg prepares nothing).
    if (names.size >= MAX_NAMED) return ''
    const name = `p${createHash('sha1').update(sql).digest('base64url')}`
    names.set(sql, name)
    return name
  }
}
