import { describe, expect, it } from 'vitest'
import { exportFileName } from '../../server/services/exports/export-file-name'
import { inertText, toCells, yuanCell } from '../../server/services/exports/xlsx-cells'

describe('inertText', () => {
  it('prefixes text a spreadsheet could take for a formula with an apostrophe', () => {
    for (const text of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx', '\0x', '＝1+1', '＋1', '－1', '＠A'])
      expect(inertText(text), JSON.stringify(text)).toBe(`'${text}`)
  })

  it('leaves other text alone', () => {
    for (const text of ['', '西宁市司法局机关党支部', 'a=b', ' =1', "'=already", '1-2'])
      expect(inertText(text), JSON.stringify(text)).toBe(text)
  })

  it('escapes only text cells of a row', () => {
    expect(toCells(['=x', -5, null, 'ok'])).toEqual(["'=x", -5, null, 'ok'])
  })
})

describe('yuanCell', () => {
  it('gives yuan as a number that prints back as exactly yuan.cents', () => {
    for (const fen of [0, 1, 10, 99, 12_345, 4_400_000, 10_000_000_000, 999_999_999_999_999]) {
      const cell = yuanCell(fen)
      expect(typeof cell).toBe('number')
      const [yuan, cents = ''] = String(cell).split('.')
      expect(BigInt(yuan ?? '') * 100n + BigInt(cents.padEnd(2, '0')), String(fen)).toBe(BigInt(fen))
    }
  })

  it('gives text beyond what a spreadsheet holds exactly, and refuses fractions of a fen', () => {
    expect(yuanCell(1_000_000_000_000_001)).toBe('10,000,000,000,000.01')
    expect(() => yuanCell(1.5)).toThrow(RangeError)
  })
})

describe('export file names', () => {
  const name = (period: { from?: string; to?: string }, placeName?: string) =>
    exportFileName({ what: '捐赠台账', whatAscii: 'donation-ledger', placeName, period, today: '2026-11-26' })

  it('says what and when', () => {
    expect(name({})).toEqual({ fileName: '捐赠台账-2026-11-26.xlsx', asciiFileName: 'donation-ledger-2026-11-26.xlsx' })
    expect(name({ from: '2025-01-01', to: '2025-01-31' }, '前跃村').fileName).toBe('前跃村-捐赠台账-2025-01.xlsx')
    expect(name({ from: '2024-02-01', to: '2024-02-29' }).fileName).toBe('捐赠台账-2024-02.xlsx')
    expect(name({ from: '2025-01-01', to: '2025-01-30' })).toEqual({
      fileName: '捐赠台账-2025-01-01至2025-01-30.xlsx',
      asciiFileName: 'donation-ledger-2025-01-01_2025-01-30.xlsx',
    })
    expect(name({ from: '2025-01-05' }).fileName).toBe('捐赠台账-2025-01-05起.xlsx')
    expect(name({ to: '2025-01-05' }).fileName).toBe('捐赠台账-截至2025-01-05.xlsx')
  })

  it('keeps a place name from changing the path', () => {
    expect(name({}, '../前跃村\u0000').fileName).toBe('..前跃村-捐赠台账-2026-11-26.xlsx')
  })
})
