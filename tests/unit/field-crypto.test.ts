import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createFieldCrypto, FieldDecryptError } from '../../server/lib/field-crypto'

const key = randomBytes(32)
const crypto = createFieldCrypto(key)

describe('field encryption', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = crypto.encrypt('630121199001011234', 'household.idNumber')
    const b = crypto.encrypt('630121199001011234', 'household.idNumber')
    expect(a).not.toBe(b)
    expect(a).not.toContain('1234')
    expect(crypto.decrypt(a, 'household.idNumber')).toBe('630121199001011234')
  })

  it('refuses a ciphertext moved to another column, or tampered with', () => {
    const sealed = crypto.encrypt('13800138000', 'household.phone')
    expect(() => crypto.decrypt(sealed, 'household.idNumber')).toThrow(FieldDecryptError)
    // One character of the sealed text changed (it was sometimes left unchanged, when it was an 'A').
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`
    expect(tampered).not.toBe(sealed)
    expect(() => crypto.decrypt(tampered, 'household.phone')).toThrow(FieldDecryptError)
  })

  it('decrypts with an old key during a rotation, and says which key sealed what', () => {
    const sealed = crypto.encrypt('高血压', 'member.health')
    const rotated = createFieldCrypto(randomBytes(32), [key])
    expect(rotated.decrypt(sealed, 'member.health')).toBe('高血压')
    expect(sealed.split(':')[1]).toBe(crypto.keyId)
    expect(() => createFieldCrypto(randomBytes(32)).decrypt(sealed, 'member.health')).toThrow(/unknown format or key/)
  })

  it('makes a keyed blind index: equal for equal values, unlike for other keys', () => {
    expect(crypto.blindIndex('11010519491231002x', 'idNumber')).toBe(
      crypto.blindIndex('11010519491231002X', 'idNumber'),
    )
    expect(crypto.blindIndex('11010519491231002X', 'idNumber')).not.toBe(
      crypto.blindIndex('11010519491231002X', 'phone'),
    )
    expect(createFieldCrypto(randomBytes(32)).blindIndex('11010519491231002X', 'idNumber')).not.toBe(
      crypto.blindIndex('11010519491231002X', 'idNumber'),
    )
  })
})
