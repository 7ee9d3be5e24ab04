// 处理冲突: which fields of a queued edit differ from the record as the server now has it, and
// the input that results from the person's choice per field. Pure, so it is tested on its own
// (tests/unit/conflict-fields.test.ts) and works for any record: the server's record is first
// put in the update's own shape (record-specs.ts).

/** Which version of a field to keep. */
export type Side = 'mine' | 'server'

export type FieldDiff = {
  key: string
  mine: unknown
  /** undefined: the server does not show it (an ID number, only masked): it keeps what it has. */
  server: unknown
}

/** The record's identity, and the version and key the merge replaces: never a choice. */
const NOT_FIELDS = new Set(['id', 'version', 'clientMutationId'])

/** A form sends '' or null for a field left blank; the server answers null: the same thing. */
const isBlank = (value: unknown) => value === null || value === undefined || value === ''

const isPrimitive = (value: unknown) => value === null || typeof value !== 'object'

const sortKey = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/**
 * Equal as records: blanks are equal, lists of ids or codes are sets (their order means nothing:
 * participant orgs, visitors, help measures), lists of objects (goods lines, members) compare
 * line by line, and objects key by key.
 */
export const isSameValue = (a: unknown, b: unknown): boolean => {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    if (a.every(isPrimitive) && b.every(isPrimitive)) {
      const left = a.map(sortKey).sort()
      const right = b.map(sortKey).sort()
      return left.every((v, i) => v === right[i])
    }
    return a.every((v, i) => isSameValue(v, b[i]))
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>
    const right = b as Record<string, unknown>
    const keys = new Set([...Object.keys(left), ...Object.keys(right)])
    return [...keys].every((key) => isSameValue(left[key], right[key]))
  }
  return a === b
}

/**
 * The fields of my queued input that the server's record has otherwise, in my input's order.
 * Only fields the record has are compared (`server` lists them, undefined for one it only shows
 * masked: then any value of mine, a clearing null included, is a change of mine).
 */
export const diffFields = (mine: Record<string, unknown>, server: Record<string, unknown>): FieldDiff[] =>
  Object.keys(mine)
    .filter((key) => !NOT_FIELDS.has(key) && key in server && mine[key] !== undefined)
    .filter((key) => (server[key] === undefined ? true : !isSameValue(mine[key], server[key])))
    .map((key) => ({ key, mine: mine[key], server: server[key] }))

/** The same choice for every field (全部用我的 / 全部用服务器的). */
export const chooseAll = (diffs: readonly FieldDiff[], side: Side): Record<string, Side> =>
  Object.fromEntries(diffs.map((d) => [d.key, side]))

/**
 * My input with the server's value for each field chosen so (a field it only shows masked is left
 * out: the update then keeps what the server has), at the server's current version. Fields with
 * no choice stay mine.
 */
export const mergeFields = (
  mine: Record<string, unknown>,
  server: Record<string, unknown>,
  choices: Readonly<Record<string, Side>>,
  version: number,
): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...mine }
  for (const [key, side] of Object.entries(choices)) {
    if (side !== 'server' || NOT_FIELDS.has(key) || !(key in server)) continue
    if (server[key] === undefined) delete merged[key]
    else merged[key] = server[key]
  }
  merged.version = version
  return merged
}
