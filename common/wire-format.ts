// How values the API sends and receives survive JSON: the tRPC transformer on both ends, and the
// app's offline copy of its queries. JSON has no dates and no bigints, so those travel tagged, each
// as an object with one key (money in fen is a plain number on the wire: server/lib/fen.ts turns
// the database's BIGINT into one, exactly):
//   Date    → { "$date": "2025-01-23T00:00:00.000Z" }   (an invalid date: { "$date": null })
//   bigint  → { "$bigint": "4400000" }
//   Map     → { "$map": [[key, value], …] },  Set → { "$set": [value, …] }
// An object of ours that happens to be shaped like a tag is wrapped: { "$escape": {…} }.
// Everything else is JSON as it is: `undefined` properties are left out, `undefined` in an array,
// a map or a set becomes null. A call's input that is itself `undefined` (a procedure that takes
// none, sent alone by POST) travels as { "$undefined": true }: an empty body is not JSON.
//
// One walk that copies, with no paths, no registry and no identity tracking: a tenth of the cost
// of a general-purpose serialiser such as superjson (docs/benchmarks.md, tRPC overhead).

type Tag = '$date' | '$bigint' | '$map' | '$set' | '$undefined' | '$escape'

const TAGS: ReadonlySet<string> = new Set<Tag>(['$date', '$bigint', '$map', '$set', '$undefined', '$escape'])

/** Sets an own property, even one named `__proto__` (plain assignment would set the prototype). */
const put = (target: Record<string, unknown>, key: string, value: unknown) => {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

const encodeObject = (value: object): unknown => {
  if (value instanceof Date) {
    const time = value.getTime()
    return { $date: Number.isNaN(time) ? null : value.toISOString() }
  }
  if (Array.isArray(value)) return value.map(encode)
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) }
  if (value instanceof Set) return { $set: [...value].map(encode) }
  const out: Record<string, unknown> = {}
  let looksTagged = false
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const field = (value as Record<string, unknown>)[key]
    if (field === undefined) continue
    put(out, key, encode(field))
    if (!looksTagged && key.charCodeAt(0) === 36 /* $ */ && TAGS.has(key)) looksTagged = true
  }
  return looksTagged ? { $escape: out } : out
}

/** A JSON-ready copy of `value`, with dates, bigints, maps and sets tagged. */
export const encode = (value: unknown): unknown => {
  if (typeof value === 'bigint') return { $bigint: value.toString() }
  if (value === null || typeof value !== 'object') return value
  // Anything with its own toJSON (other than a Date) says how it wants to look.
  if (!(value instanceof Date) && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return encode((value as { toJSON: () => unknown }).toJSON())
  return encodeObject(value)
}

/** The one key of a tag, or undefined for any other object. */
const tagOf = (value: Record<string, unknown>): Tag | undefined => {
  let found: string | undefined
  for (const key in value) {
    if (found !== undefined || !TAGS.has(key)) return undefined
    found = key
  }
  return found as Tag | undefined
}

const decodeFields = (value: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key in value) if (Object.hasOwn(value, key)) put(out, key, decode(value[key]))
  return out
}

/** The value `encode` was given, from its JSON-parsed form. Anything else passes through. */
export const decode = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(decode)
  const object = value as Record<string, unknown>
  const tag = tagOf(object)
  const inner = tag === undefined ? undefined : object[tag]
  switch (tag) {
    case '$date':
      if (inner === null) return new Date(Number.NaN)
      if (typeof inner === 'string') return new Date(inner)
      break
    case '$bigint':
      if (typeof inner === 'string' && /^-?\d+$/.test(inner)) return BigInt(inner)
      break
    case '$map':
      if (Array.isArray(inner) && inner.every((pair) => Array.isArray(pair) && pair.length === 2))
        return new Map(inner.map(([key, entry]: unknown[]) => [decode(key), decode(entry)]))
      break
    case '$set':
      if (Array.isArray(inner)) return new Set(inner.map(decode))
      break
    case '$undefined':
      if (inner === true) return undefined
      break
    case '$escape':
      if (inner && typeof inner === 'object' && !Array.isArray(inner))
        return decodeFields(inner as Record<string, unknown>)
      break
  }
  return decodeFields(object)
}

const NO_INPUT = { $undefined: true }

/**
 * The tRPC transformer (server/trpc.ts and the app's links). Only inputs tag a bare `undefined`:
 * a procedure that returns nothing still answers with no `data`, as mini-programs already
 * installed expect.
 */
export const wireFormat = {
  input: { serialize: (value: unknown) => (value === undefined ? NO_INPUT : encode(value)), deserialize: decode },
  output: { serialize: encode, deserialize: decode },
}

export const stringify = (value: unknown): string => JSON.stringify(encode(value))

export const parse = <T>(text: string): T => decode(JSON.parse(text)) as T
