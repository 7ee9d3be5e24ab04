import { describe, expect, it } from 'vitest'
import { attachmentDisposition } from '../../server/http/exports'

describe('attachmentDisposition', () => {
  it('sends the name as RFC 5987 UTF-8, with an ASCII fallback that cannot break the header', () => {
    expect(attachmentDisposition("前跃村(1)'s.xlsx", 'a"b\\c.xlsx')).toBe(
      `attachment; filename="a_b_c.xlsx"; filename*=UTF-8''%E5%89%8D%E8%B7%83%E6%9D%91%281%29%27s.xlsx`,
    )
  })
})
