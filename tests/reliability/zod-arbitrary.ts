// fast-check arbitraries from zod 4 schemas, read from `schema._zod.def`: the kinds of schema this
// repository uses (object, string with min/max/regex/uuid/date/trim, int and number with bounds,
// boolean, enum, literal, array with bounds, optional, nullable, nullish, default, prefault,
// pipe/transform, union, intersection, date), and a fallback to `fc.anything()` for the rest.
//
// Two arbitraries per schema:
//   valid    values meant to pass, leaning on the edges: exactly the minimum and maximum length,
//            the bounds of a number, whitespace that `.trim()` removes, Chinese text, control
//            characters, the first and last dates the schema accepts
//   invalid  a valid value with exactly one thing wrong: one field of the wrong type, a string one
//            character too long, a number one past its bound, a missing required key, …
// plus `junkArbitrary`: anything at all (wrong types, huge strings, deep nesting, keys such as
// __proto__), as a client that does not use our schemas might send.
import fc from 'fast-check'
import type { z } from 'zod'
import { anyWireValue } from '../helpers/wire-values'

type Schema = z.core.$ZodType
type Def = { type: string } & Record<string, unknown>
type CheckDef = { check: string } & Record<string, unknown>

/** Keys from the root to a value: object keys, and array indices as numbers. */
export type ValuePath = readonly (string | number)[]

export type ZodArbitraryOptions = {
  /**
   * Valid values to draw from for a path, when the schema alone cannot say what reaches the
   * service: ids of rows that exist, ID numbers with a correct check digit, a real password.
   */
  hint?: (path: ValuePath, kind: string) => fc.Arbitrary<unknown> | undefined
  /** Arrays are generated up to this length (a schema may allow 10 000). */
  maxArrayLength?: number
  /** Up to this length, an array's exact maximum (and one past it) is tried too. */
  maxBoundaryArrayLength?: number
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Both sides of an intersection in one value: their keys together, when both are objects. */
const mergeSides = ([left, right]: [unknown, unknown]): unknown =>
  isPlainObject(left) && isPlainObject(right) ? { ...left, ...right } : isPlainObject(left) ? right : left

const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def
const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def)

const weighted = <T>(...entries: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> =>
  fc.oneof(...entries.filter(([weight]) => weight > 0).map(([weight, arbitrary]) => ({ weight, arbitrary })))

// ─── Text ───────────────────────────────────────────────────────────────────────────

const CONTROL = [...'\u0000\u0001\u0007\b\t\n\v\f\r\u001b\u007f']
const ODD = ['\u200b', '\u200d', '\u202e', '\ufeff', '\u3000', '\u00a0', '\ud800', '\udfff', '\\', "'", '"', '%', '_']

/** One UTF-16 unit (or an emoji's pair): Chinese most, ASCII, and the awkward ones. */
const charArbitrary: fc.Arbitrary<string> = weighted<string>(
  [6, fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code))],
  [4, fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 })],
  [1, fc.constantFrom(' ', '　')],
  [1, fc.constantFrom(...CONTROL)],
  [1, fc.constantFrom(...ODD)],
  [1, fc.constantFrom('😀', '𠀀', '👨‍👩‍👧')],
)

const textOfLength = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .array(charArbitrary, { minLength: min, maxLength: max, size: 'small' })
    .map((chars) => chars.join(''))
    // A multi-unit character can push the length past the bound; cut it back (which may split a
    // surrogate pair: a lone surrogate is a fine thing to send too).
    .map((text) => (text.length > max ? text.slice(0, max) : text))

type StringSpec = {
  min: number
  max: number
  patterns: RegExp[]
  format: string | undefined
  trims: boolean
}

const stringSpecOf = (def: Def): StringSpec => {
  const spec: StringSpec = {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    patterns: [],
    format: typeof def.format === 'string' ? def.format : undefined,
    trims: false,
  }
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') spec.min = Math.max(spec.min, Number(check.minimum))
    else if (check.check === 'max_length') spec.max = Math.min(spec.max, Number(check.maximum))
    else if (check.check === 'length_equals') spec.min = spec.max = Number(check.length)
    else if (check.check === 'overwrite') spec.trims = true
    else if (check.check === 'string_format') {
      if (check.format === 'regex' && check.pattern instanceof RegExp) spec.patterns.push(check.pattern)
      else if (typeof check.format === 'string') spec.format = check.format
    }
  }
  return spec
}

/** YYYY-MM-DD days: mostly around now, and the ends of what `z.iso.date()` accepts. */
const dateOnlyArbitrary: fc.Arbitrary<string> = weighted(
  [
    6,
    fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ],
  [2, fc.constantFrom('0000-01-01', '0001-01-01', '1899-12-31', '1970-01-01', '2000-02-29', '2024-02-29')],
  [2, fc.constantFrom('2099-12-31', '2999-12-31', '9999-12-31', '1000-01-01', '0999-12-31')],
)

const badDates = [
  '2025-02-30',
  '2023-02-29',
  '2025-13-01',
  '2025-00-10',
  '20250101',
  '2025-1-1',
  '2025-01-01T00:00:00Z',
]
const NIL_UUID = '00000000-0000-0000-0000-000000000000'
const badUuids = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000',
  '123e4567-e89b-02d3-a456-426614174000',
  '123e4567e89b12d3a456426614174000',
  '{123e4567-e89b-12d3-a456-426614174000}',
  "' OR 1=1 --",
]

const regexArbitrary = (pattern: RegExp): fc.Arbitrary<string> => {
  try {
    return fc.stringMatching(pattern)
  } catch {
    return fc.string()
  }
}

const validString = (def: Def): fc.Arbitrary<string> => {
  const spec = stringSpecOf(def)
  if (spec.format === 'uuid' || spec.format === 'guid') {
    // zod also accepts the nil and the max UUID.
    return weighted([9, fc.uuid()], [1, fc.constantFrom(NIL_UUID, 'ffffffff-ffff-ffff-ffff-ffffffffffff')])
  }
  if (spec.format === 'date') return dateOnlyArbitrary
  if (spec.format && spec.format !== 'regex') return fc.string()
  const fits = (text: string) => {
    const length = (spec.trims ? text.trim() : text).length
    return length >= spec.min && length <= spec.max
  }
  const [pattern] = spec.patterns
  if (pattern) {
    const all = spec.patterns
    return regexArbitrary(pattern).filter((text) => fits(text) && all.every((p) => p.test(text)))
  }
  const max = Math.min(spec.max, 1_000_000)
  const core = textOfLength(spec.min, Math.min(max, spec.min + 40))
    // Leading or trailing whitespace would be trimmed away: keep the core's own length honest.
    .map((text) => (spec.trims ? text.trim() : text))
    .filter(fits)
  const atMax = Number.isFinite(spec.max)
    ? fc.constantFrom('字', 'a', '😀').map((c) => c.repeat(Math.floor(max / c.length)).padEnd(max, 'a'))
    : fc.constant('长'.repeat(10_000))
  const atMin = fc.constant('字'.repeat(spec.min))
  const padded = spec.trims ? core.map((text) => `  \t${text}\n `) : core
  return weighted([8, core], [2, atMax.filter(fits)], [1, atMin.filter(fits)], [spec.trims ? 1 : 0, padded])
}

const invalidString = (def: Def): fc.Arbitrary<unknown> => {
  const spec = stringSpecOf(def)
  const wrongType = fc.constantFrom<unknown>(null, 0, 1.5, true, [], {}, ['a'], new Date(0))
  if (spec.format === 'uuid' || spec.format === 'guid') {
    return weighted<unknown>(
      [3, fc.constantFrom(...badUuids)],
      [2, fc.uuid().map((u) => u.toUpperCase().replace(/-/g, ''))],
      [1, fc.uuid().map((u) => ` ${u}`)],
      [1, wrongType],
    )
  }
  if (spec.format === 'date') return weighted<unknown>([4, fc.constantFrom(...badDates)], [1, wrongType])
  const entries: [number, fc.Arbitrary<unknown>][] = [[2, wrongType]]
  if (spec.min > 0) {
    entries.push([2, fc.constant('字'.repeat(spec.min - 1))])
    if (spec.trims) entries.push([2, fc.constantFrom(' ', '   ', '\t\n', '　'.repeat(spec.min))])
  }
  if (Number.isFinite(spec.max) && spec.max < 1_000_000) entries.push([3, fc.constant('字'.repeat(spec.max + 1))])
  if (spec.patterns.length) entries.push([3, fc.constantFrom('!', '中文', 'a b', '-', '0'.repeat(40), '１３８')])
  entries.push([1, fc.constant('超'.repeat(200_000))])
  return weighted(...entries)
}

// ─── Numbers ────────────────────────────────────────────────────────────────────────

type NumberSpec = { isInt: boolean; min: number; max: number; minInclusive: boolean; maxInclusive: boolean }

const numberSpecOf = (def: Def): NumberSpec => {
  const spec: NumberSpec = {
    isInt: false,
    min: Number.NEGATIVE_INFINITY,
    max: Number.POSITIVE_INFINITY,
    minInclusive: true,
    maxInclusive: true,
  }
  for (const check of checksOf(def)) {
    if (check.check === 'number_format') {
      spec.isInt = true
      if (check.format === 'int32') {
        spec.min = Math.max(spec.min, -(2 ** 31))
        spec.max = Math.min(spec.max, 2 ** 31 - 1)
      }
    } else if (check.check === 'greater_than' && Number(check.value) >= spec.min) {
      spec.min = Number(check.value)
      spec.minInclusive = Boolean(check.inclusive)
    } else if (check.check === 'less_than' && Number(check.value) <= spec.max) {
      spec.max = Number(check.value)
      spec.maxInclusive = Boolean(check.inclusive)
    }
  }
  if (spec.isInt) {
    spec.min = Math.max(spec.min, Number.MIN_SAFE_INTEGER)
    spec.max = Math.min(spec.max, Number.MAX_SAFE_INTEGER)
  }
  return spec
}

const validNumber = (def: Def): fc.Arbitrary<number> => {
  const spec = numberSpecOf(def)
  if (!spec.isInt) {
    return fc.double({
      min: Number.isFinite(spec.min) ? spec.min : -1e12,
      max: Number.isFinite(spec.max) ? spec.max : 1e12,
      minExcluded: !spec.minInclusive,
      maxExcluded: !spec.maxInclusive,
      noNaN: true,
    })
  }
  const lo = spec.minInclusive ? spec.min : spec.min + 1
  const hi = spec.maxInclusive ? spec.max : spec.max - 1
  const near = fc.integer({ min: lo, max: Math.min(hi, Math.max(lo, 0) + 10) })
  const edges = [lo, hi, lo + 1, hi - 1, 0, 1, 2 ** 31 - 1, 2 ** 31].filter((n) => n >= lo && n <= hi)
  return weighted([5, near], [1, fc.integer({ min: lo, max: hi })], [2, fc.constantFrom(...edges)])
}

const invalidNumber = (def: Def): fc.Arbitrary<unknown> => {
  const spec = numberSpecOf(def)
  const outside: number[] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]
  if (Number.isFinite(spec.min)) outside.push(spec.minInclusive ? spec.min - 1 : spec.min, spec.min - 0.5)
  if (Number.isFinite(spec.max)) outside.push(spec.maxInclusive ? spec.max + 1 : spec.max, spec.max + 0.5, 2 ** 53 + 2)
  if (spec.isInt) outside.push(1.5, 1e-9, 2 ** 53)
  return weighted<unknown>(
    [4, fc.constantFrom(...outside)],
    [1, fc.constantFrom<unknown>('1', null, true, [], {}, 10n)],
  )
}

// ─── The walk ───────────────────────────────────────────────────────────────────────

/** Whether an object may leave the key out: optional, or with a default. */
const isOptionalKey = (schema: Schema) =>
  (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional' ||
  ['optional', 'default', 'prefault'].includes(defOf(schema).type)

const innerOf = (def: Def) => def.innerType as Schema

/** What a value must be at heart, through optional, nullable, default and pipe: "string", "number", … */
export const kindOf = (schema: Schema): string => {
  const def = defOf(schema)
  if (def.innerType) return kindOf(def.innerType as Schema)
  if (def.type === 'pipe') return kindOf(def.in as Schema)
  return def.type
}

export const validArbitrary = (
  schema: Schema,
  options: ZodArbitraryOptions = {},
  path: ValuePath = [],
): fc.Arbitrary<unknown> => {
  const own = ownValid(schema, options, path)
  const hinted = options.hint?.(path, kindOf(schema))
  return hinted ? weighted([4, hinted], [1, own]) : own
}

const ownValid = (schema: Schema, options: ZodArbitraryOptions, path: ValuePath): fc.Arbitrary<unknown> => {
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return validString(def)
    case 'number':
      return validNumber(def)
    case 'int':
      return validNumber(def)
    case 'boolean':
      return fc.boolean()
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
    case 'date':
      return fc.date({ noInvalidDate: true })
    case 'null':
      return fc.constant(null)
    case 'undefined':
      return fc.constant(undefined)
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>))
    case 'optional':
    case 'default':
    case 'prefault':
      return weighted<unknown>([1, fc.constant(undefined)], [4, validArbitrary(innerOf(def), options, path)])
    case 'nullable':
      return weighted<unknown>([1, fc.constant(null)], [4, validArbitrary(innerOf(def), options, path)])
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return validArbitrary(innerOf(def), options, path)
    case 'pipe':
      // What the caller sends is what the pipe's first schema takes.
      return validArbitrary(def.in as Schema, options, path)
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((option) => validArbitrary(option, options, path)))
    case 'intersection':
      return fc
        .tuple(validArbitrary(def.left as Schema, options, path), validArbitrary(def.right as Schema, options, path))
        .map(mergeSides)
    case 'array': {
      const { min, max } = arrayBoundsOf(def)
      const cap = options.maxArrayLength ?? 6
      const element = (i: number) => validArbitrary(def.element as Schema, options, [...path, i])
      const elements = fc.array(element(0), { minLength: min, maxLength: Math.max(min, Math.min(max, cap)) })
      const boundary = options.maxBoundaryArrayLength ?? 50
      return Number.isFinite(max) && max > cap && max <= boundary
        ? weighted([9, elements], [1, fc.array(element(0), { minLength: max, maxLength: max })])
        : elements
    }
    case 'object': {
      const shape = def.shape as Record<string, Schema>
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      const requiredKeys: string[] = []
      for (const [key, value] of Object.entries(shape)) {
        model[key] = validArbitrary(value, options, [...path, key])
        if (!isOptionalKey(value)) requiredKeys.push(key)
      }
      return fc.record(model, { requiredKeys })
    }
    default:
      return fc.anything()
  }
}

const arrayBoundsOf = (def: Def) => {
  let min = 0
  let max = Number.POSITIVE_INFINITY
  for (const check of checksOf(def)) {
    if (check.check === 'min_length') min = Math.max(min, Number(check.minimum))
    else if (check.check === 'max_length') max = Math.min(max, Number(check.maximum))
    else if (check.check === 'length_equals') min = max = Number(check.length)
  }
  return { min, max }
}

/** A value that breaks the schema in one place (as far as a walk of the schema can tell). */
export const invalidArbitrary = (
  schema: Schema,
  options: ZodArbitraryOptions = {},
  path: ValuePath = [],
): fc.Arbitrary<unknown> => {
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return invalidString(def)
    case 'number':
    case 'int':
      return invalidNumber(def)
    case 'boolean':
      return fc.constantFrom<unknown>('true', 0, 1, null, 'false')
    case 'literal':
    case 'enum': {
      const values =
        def.type === 'enum' ? Object.values(def.entries as Record<string, unknown>) : (def.values as unknown[])
      const strings = values.filter((v): v is string => typeof v === 'string')
      return fc.constantFrom<unknown>(
        '',
        'UNKNOWN',
        null,
        0,
        ...strings.map((v) => v.toLowerCase()),
        ...strings.map((v) => ` ${v}`),
      )
    }
    case 'date':
      return fc.constantFrom<unknown>('2025-01-01', new Date(Number.NaN), 0, null)
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return invalidArbitrary(innerOf(def), options, path)
    case 'pipe':
      return invalidArbitrary(def.in as Schema, options, path)
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map((option) => invalidArbitrary(option, options, path)))
    case 'intersection': {
      // One side wrong, the other as it should be.
      const left = def.left as Schema
      const right = def.right as Schema
      return fc.oneof(
        fc.tuple(invalidArbitrary(left, options, path), validArbitrary(right, options, path)).map(mergeSides),
        fc.tuple(validArbitrary(left, options, path), invalidArbitrary(right, options, path)).map(mergeSides),
      )
    }
    case 'array': {
      const { min, max } = arrayBoundsOf(def)
      const element = def.element as Schema
      const cap = options.maxArrayLength ?? 6
      const entries: [number, fc.Arbitrary<unknown>][] = [
        [1, fc.constantFrom<unknown>(null, {}, 'a', 0)],
        [
          4,
          fc
            .tuple(
              fc.array(validArbitrary(element, options, [...path, 0]), { minLength: 0, maxLength: Math.min(max, cap) }),
              invalidArbitrary(element, options, [...path, 0]),
              fc.nat(),
            )
            .map(([items, bad, at]) => {
              const copy = [...items]
              copy.splice(at % (copy.length + 1), 0, bad)
              return copy
            }),
        ],
      ]
      if (min > 0) entries.push([2, fc.array(validArbitrary(element, options, path), { maxLength: min - 1 })])
      if (Number.isFinite(max) && max + 1 <= Math.max(options.maxBoundaryArrayLength ?? 50, 250)) {
        entries.push([2, fc.array(validArbitrary(element, options, path), { minLength: max + 1, maxLength: max + 1 })])
      }
      return weighted(...entries)
    }
    case 'object': {
      const shape = def.shape as Record<string, Schema>
      const keys = Object.keys(shape)
      const required = keys.filter((key) => !isOptionalKey(shape[key] as Schema))
      const valid = validArbitrary(schema, options, path) as fc.Arbitrary<Record<string, unknown>>
      const entries: [number, fc.Arbitrary<unknown>][] = [[1, fc.constantFrom<unknown>(null, [], 'object', 42)]]
      if (keys.length) {
        // One field wrong, the rest as they should be.
        const oneWrong = fc.oneof(
          ...keys.map((key) =>
            fc
              .tuple(valid, invalidArbitrary(shape[key] as Schema, options, [...path, key]))
              .map(([value, bad]) => ({ ...value, [key]: bad })),
          ),
        )
        entries.push([6, oneWrong])
      }
      if (required.length) {
        entries.push([
          2,
          fc.tuple(valid, fc.constantFrom(...required)).map(([value, key]) => {
            const { [key]: _dropped, ...rest } = value
            return rest
          }),
        ])
      }
      return weighted(...entries)
    }
    default:
      return fc.constantFrom<unknown>(Symbol('never valid'), () => 0)
  }
}

// ─── Junk ───────────────────────────────────────────────────────────────────────────

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
}

/** An own property named like an Object.prototype member, as JSON.parse makes it. */
const withOwnKey = (value: Record<string, unknown>, key: string, own: unknown) => {
  const copy = { ...value }
  Object.defineProperty(copy, key, { value: own, enumerable: true, writable: true, configurable: true })
  return copy
}

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then']

/**
 * Anything a client could send instead of what the schema wants, given a source of valid-looking
 * values (to carry the junk into otherwise plausible inputs). Only values that JSON or the API's
 * wire format (common/wire-format.ts) can carry: no functions, symbols or class instances.
 */
export const junkArbitrary = (plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
  const plausibleObject = plausible.map((value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {},
  )
  const anything = anyWireValue(fc.oneof(fc.string(), fc.constantFrom(...POLLUTING_KEYS)), {
    withSparseArray: true,
    stringUnit: 'binary',
  })
  return weighted<unknown>(
    [4, anything],
    [1, fc.constantFrom<unknown>(undefined, null, 0, -0, '', 'null', [], true, Number.NaN, 10n, new Date(Number.NaN))],
    // A valid-looking input with one more key carrying junk (stripped by zod, but seen by
    // whatever reads the raw input first: the idempotency key's request hash).
    [3, fc.tuple(plausibleObject, fc.string(), anything).map(([value, key, junk]) => ({ ...value, [key]: junk }))],
    [
      2,
      fc
        .tuple(
          plausibleObject,
          fc.constantFrom(...POLLUTING_KEYS),
          fc.constantFrom<unknown>({ polluted: 'yes' }, 'x', null),
        )
        .map(([value, key, own]) => withOwnKey(value, key, own)),
    ],
    // Every field a huge string.
    [
      1,
      fc
        .tuple(plausibleObject, fc.constantFrom(100_000, 1_000_000))
        .map(([value, length]) => Object.fromEntries(Object.keys(value).map((key) => [key, 'x'.repeat(length)]))),
    ],
    // Deep nesting, at the top or under an extra key.
    [
      1,
      fc
        .tuple(plausibleObject, fc.constantFrom(100, 1_000, 10_000), fc.boolean(), fc.boolean())
        .map(([value, depth, asArray, atTop]) =>
          atTop ? nested(depth, value, asArray) : { ...value, deep: nested(depth, 1, asArray) },
        ),
    ],
    // Many keys, long arrays.
    [
      1,
      fc.constantFrom<unknown>(
        Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
        Array.from({ length: 100_000 }, (_, i) => i),
      ),
    ],
  )
}
