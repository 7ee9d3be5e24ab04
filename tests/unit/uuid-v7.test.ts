import { describe, expect, it } from 'vitest'
import { uuidV7 } from '../../server/lib/uuid-v7'

describe('uuidV7', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    expect(uuidV7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('starts with the milliseconds it was made at, so ids sort by time', () => {
    const at = Date.now() + 60_000
    expect(uuidV7(at).replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'))
    expect(uuidV7(at) < uuidV7(at + 1)).toBe(true)
  })

  it('only increases, even for many ids in one millisecond or a clock that steps back', () => {
    const at = Date.now() + 120_000
    const ids = [...Array.from({ length: 5000 }, () => uuidV7(at)), uuidV7(at - 1000), uuidV7(at + 1)]
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })
})
