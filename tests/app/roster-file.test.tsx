import { describe, expect, it } from 'vitest'
import { uploadAnswer } from '../../src/lib/roster-file'

describe('the answer to a spreadsheet upload', () => {
  it('keeps the JSON body the server sends, and null for a page that is not JSON', () => {
    expect(uploadAnswer(200, '{"errorCount":0,"counts":{"households":3}}')).toEqual({
      status: 200,
      body: { errorCount: 0, counts: { households: 3 } },
    })
    expect(uploadAnswer(502, '<html>Bad Gateway</html>')).toEqual({ status: 502, body: null })
    expect(uploadAnswer(500, '')).toEqual({ status: 500, body: null })
  })
})
