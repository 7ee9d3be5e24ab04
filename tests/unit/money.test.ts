import { describe, expect, it } from 'vitest'
import { fenToYuanInput, formatFen, formatFenWan, parseYuan, sumFen } from '../../common/money'

describe('money in fen', () => {
  it.each([
    [4_400_000, '¥44,000.00'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123_456_789, '¥1,234,567.89'],
    [-1_050, '-¥10.50'],
  ])('formats %i fen as %s', (fen, text) => expect(formatFen(fen)).toBe(text))

  it.each([
    [4_400_000, '4.4万元'],
    [1_000_000, '1万元'],
    [4_412_345, '4.41万元'],
    [4_415_000, '4.42万元'],
    [999_999, '¥9,999.99'],
  ])('formats %i fen in 万元 as %s', (fen, text) => expect(formatFenWan(fen)).toBe(text))

  it.each([
    ['44000', 4_400_000],
    ['44,000.5', 4_400_050],
    ['￥1.05', 105],
    ['0.1', 10],
    ['0.29', 29],
    ['1.10', 110],
    [' 007 ', 700],
    ['100000000.00', 10_000_000_000],
  ])('parses what a person types (%s) exactly, without float error', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
  })

  it.each([
    ['', '请输入金额'],
    ['-5', '金额不能为负数'],
    ['1.234', '金额最多两位小数（精确到分）'],
    ['abc', '请输入正确的金额，例如 500 或 500.50'],
    ['1e3', '请输入正确的金额，例如 500 或 500.50'],
    ['100000000.01', '金额不能超过 1 亿元'],
    ['99999999999999999', '金额不能超过 1 亿元'],
  ])('refuses %j with a message a user can act on', (text, message) => {
    expect(parseYuan(text)).toEqual({ ok: false, message })
  })

  it('round-trips through the input form', () => {
    for (const fen of [0, 1, 29, 110, 4_400_000, 123_456_789]) {
      const parsed = parseYuan(fenToYuanInput(fen))
      expect(parsed).toEqual({ ok: true, fen })
    }
  })

  it('refuses to sum past the exact range', () => {
    expect(sumFen([1, 2, 3])).toBe(6)
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
  })
})
