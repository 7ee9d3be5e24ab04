import { describe, expect, it } from 'vitest'
import { ZIdNumber } from '../../common/contracts/fields'
import { idNumberProblem, maskIdNumber, maskPhone } from '../../common/personal-data'
import { fakeIdNumber } from '../../prisma/seed/fake-identity'

describe('ID numbers (GB 11643)', () => {
  it('accepts a well-formed number and a lower-case x check character', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(ZIdNumber.parse('11010519491231002x')).toBe('11010519491231002X')
    expect(idNumberProblem(fakeIdNumber('1990-01-01', 123))).toBeNull()
  })

  it.each([
    ['1101051949123100', 'format'],
    ['110105194912310021', 'checkDigit'],
    ['110105194902300021', 'birthDate'],
    ['110105299901010021', 'birthDate'],
  ])('finds the problem with %s: %s', (value, problem) => expect(idNumberProblem(value)).toBe(problem))

  it('masks for display', () => {
    expect(maskIdNumber('630121199001011234')).toBe('630121********1234')
    expect(maskPhone('13800138000')).toBe('138****8000')
  })
})
