import { describe, expect, it } from 'vitest'
import { statementNamer } from '../../server/db/statement-names'

describe('statementNamer', () => {
  it('names a text the same each time, and different texts differently', () => {
    const name = statementNamer()
    const a = name({ sql: 'SELECT 1 WHERE $1 = 1' })
    expect(a).toMatch(/^p[\w-]{27}$/)
    expect(name({ sql: 'SELECT 1 WHERE $1 = 1' })).toBe(a)
    expect(name({ sql: 'SELECT 2 WHERE $1 = 1' })).not.toBe(a)
    // Another namer (another client) gives the same text the same name: names depend on the text alone.
    expect(statementNamer()({ sql: 'SELECT 1 WHERE $1 = 1' })).toBe(a)
  })

  it('leaves texts past the first 2,000 unnamed, and keeps the names already given', () => {
    const name = statementNamer()
    const first = name({ sql: 'SELECT 0' })
    for (let i = 1; i < 2_000; i++) name({ sql: `SELECT ${i}` })
    expect(name({ sql: 'SELECT 2000' })).toBe('')
    expect(name({ sql: 'SELECT 2001' })).toBe('')
    expect(name({ sql: 'SELECT 0' })).toBe(first)
  })
})
