import { describe, expect, it } from 'vitest'
import { fileNameOf } from '../../src/lib/export-response'

describe('the name of a downloaded export', () => {
  it('takes the UTF-8 name the server sends, then the ASCII one, then the fallback', () => {
    const both = `attachment; filename="donation-ledger-2025-01.xlsx"; filename*=UTF-8''%E5%89%8D%E8%B7%83%E6%9D%91-%E6%8D%90%E8%B5%A0%E5%8F%B0%E8%B4%A6-2025-01.xlsx`
    expect(fileNameOf(both, 'x.xlsx')).toBe('前跃村-捐赠台账-2025-01.xlsx')
    expect(fileNameOf('attachment; filename="donation-ledger.xlsx"', 'x.xlsx')).toBe('donation-ledger.xlsx')
    expect(fileNameOf(`attachment; filename*=UTF-8''%E5%89%8D%ZZ`, '捐赠台账.xlsx')).toBe('捐赠台账.xlsx')
    expect(fileNameOf(null, '捐赠台账.xlsx')).toBe('捐赠台账.xlsx')
  })
})
