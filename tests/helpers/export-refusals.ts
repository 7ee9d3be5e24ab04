// What every file export answers before it writes a byte: 401 without a session, 403 to a role
// that may not export, 400 naming a bad filter; all JSON, in Chinese, never cached.
import { expect, it } from 'vitest'
import { CHINESE } from './errors'

type ErrorBody = { error: { code: string; message: string; fieldErrors?: object } }

/** 401 with no token and with a made-up one, each with its own code. */
export const expectSignInRequired = async (download: (token: string | null) => Promise<Response>) => {
  for (const token of [null, 'not-a-real-token']) {
    const response = await download(token)
    expect(response.status).toBe(401)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as ErrorBody
    expect(body.error.message).toMatch(CHINESE)
    expect(body.error.code).toBe(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED')
  }
}

export const expectForbidden = async (response: Response) => {
  expect(response.status).toBe(403)
  const body = (await response.json()) as ErrorBody
  expect(body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(CHINESE) })
}

/** Each query string → the one field its 400 names (`query` for an unknown parameter). */
export const expectValidationFailures = async (
  download: (query: string) => Promise<Response>,
  cases: Record<string, string>,
) => {
  for (const [query, field] of Object.entries(cases)) {
    const response = await download(query)
    expect(response.status, query).toBe(400)
    const body = (await response.json()) as ErrorBody
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.message, query).toMatch(CHINESE)
    expect(Object.keys(body.error.fieldErrors ?? {}), query).toEqual([field])
  }
}

/** Bad filters of an export by village and dates (the ledgers), each with the field its 400 names. */
export const BAD_VILLAGE_AND_DATES = {
  '?villageId=abc': 'villageId',
  '?from=2025-13-01': 'from',
  '?from=2025-02-01&to=2025-01-01': 'to',
} as const

/**
 * The refusals every export answers, as tests: 401 without a session, 403 to a resident, and 400
 * naming each bad filter. `download` takes a token (null: signed out) and a query string; the
 * tokens are read when the tests run, once the world is served.
 */
export const itRefusesLikeEveryExport = ({
  download,
  tokens,
  validQuery = '',
  badFilters,
}: {
  download: (token: string | null, query: string) => Promise<Response>
  tokens: () => { staff: string; resident: string }
  validQuery?: string
  badFilters: Record<string, string>
}) => {
  it('answers 401 without a session, in Chinese', () => expectSignInRequired((token) => download(token, validQuery)))
  it('answers 403 to a resident', async () => expectForbidden(await download(tokens().resident, validQuery)))
  it('answers 400 to bad filters, naming the filter', () =>
    expectValidationFailures((query) => download(tokens().staff, query), badFilters))
}
