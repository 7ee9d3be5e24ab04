// The API's wire format: whatever the server answers (dates, money in fen as bigints, maps,
// sets, objects shaped like its own tags, odd keys) arrives as it left, through real JSON text.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decode, encode, parse, stringify, wireFormat } from '../../common/wire-format'
import { anyWireValue } from '../helpers/wire-values'

/** Through JSON text, as over HTTP (where an `undefined` result is a missing field). */
const roundTrip = (value: unknown) => {
  const text = JSON.stringify(encode(value)) as string | undefined
  return text === undefined ? undefined : decode(JSON.parse(text))
}

/** What JSON can't say: `undefined` properties are left out, elsewhere `undefined` is null. */
const jsonShaped = (value: unknown): unknown => {
  const item = (v: unknown) => (v === undefined ? null : jsonShaped(v))
  if (Array.isArray(value)) return Array.from(value, item)
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [item(k), item(v)]))
  if (value instanceof Set) return new Set([...value].map(item))
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue
      Object.defineProperty(out, key, {
        value: jsonShaped(field),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }
  // JSON has no NaN, Infinity or -0.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null
  return value
}

describe('wire format', () => {
  it('carries a donation as the ledger shows it: dates stay dates, fen stay exact bigints', () => {
    const donation = {
      id: 'd1',
      donatedOn: new Date('2025-01-23T00:00:00.000Z'),
      cashFen: 4_400_000n,
      // Beyond 2^53: a float would lose the last fen.
      provinceTotalFen: 9_007_199_254_740_993n,
      goods: [{ name: '大米', quantity: 20, valueFen: 0n }],
      note: null,
      voidedAt: undefined,
    }
    const back = roundTrip(donation) as typeof donation
    expect(back.donatedOn).toBeInstanceOf(Date)
    expect(back.donatedOn.toISOString()).toBe('2025-01-23T00:00:00.000Z')
    expect(back.provinceTotalFen).toBe(9_007_199_254_740_993n)
    expect(back).toEqual({ ...donation, voidedAt: undefined })
    expect('voidedAt' in back).toBe(false)
  })

  it('is plain JSON where there is nothing to tag', () => {
    const page = { items: [{ id: 'h1', code: 'QY-001', version: 2 }], nextCursor: null }
    expect(encode(page)).toEqual(page)
    expect(stringify(page)).toBe(JSON.stringify(page))
  })

  it('keeps an object shaped like a tag as an object, and an invalid date invalid', () => {
    const tricky = {
      looksLikeDate: { $date: '2025-01-23T00:00:00.000Z' },
      looksLikeMoney: { $bigint: '1' },
      looksEscaped: { $escape: { a: 1 } },
      looksLikeNoInput: { $undefined: true },
      twoKeys: { $date: 'x', other: 1 },
      invalid: new Date(Number.NaN),
    }
    const back = parse<typeof tricky>(stringify(tricky))
    expect(back.looksLikeDate).toEqual({ $date: '2025-01-23T00:00:00.000Z' })
    expect(back.looksLikeMoney).toEqual({ $bigint: '1' })
    expect(back.looksEscaped).toEqual({ $escape: { a: 1 } })
    expect(back.looksLikeNoInput).toEqual({ $undefined: true })
    expect(back.twoKeys).toEqual({ $date: 'x', other: 1 })
    expect(back.invalid).toBeInstanceOf(Date)
    expect(Number.isNaN(back.invalid.getTime())).toBe(true)
  })

  it('keeps a key named __proto__ as an own field, never as the prototype', () => {
    const back = parse<Record<string, unknown>>('{"__proto__":{"role":"ADMIN"},"name":"张三"}')
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(back.role).toBeUndefined()
    expect(Object.keys(back)).toEqual(['__proto__', 'name'])
  })

  it('passes malformed tags from a client through as plain objects, for the schema to refuse', () => {
    expect(decode({ $bigint: '12.5' })).toEqual({ $bigint: '12.5' })
    expect(decode({ $date: 5 })).toEqual({ $date: 5 })
    expect(decode({ $map: [[1, 2, 3]] })).toEqual({ $map: [[1, 2, 3]] })
  })

  it('sends "no input" as a body of its own, and answers "no result" as nothing, as before', () => {
    const body = JSON.stringify(wireFormat.input.serialize(undefined))
    expect(body).toBe('{"$undefined":true}')
    expect(wireFormat.input.deserialize(JSON.parse(body))).toBeUndefined()
    expect(wireFormat.input.serialize({ top: 5 })).toEqual({ top: 5 })
    expect(wireFormat.output.serialize(undefined)).toBeUndefined()
  })

  it('round-trips anything the API could send', () => {
    const anything = anyWireValue(
      fc.oneof(
        fc.string(),
        fc.constantFrom('__proto__', '$date', '$bigint', '$map', '$set', '$undefined', '$escape', 'toJSON'),
      ),
    )
    fc.assert(
      fc.property(anything, (value) => {
        expect(roundTrip(value)).toEqual(jsonShaped(value))
      }),
      { numRuns: 500 },
    )
  })
})
