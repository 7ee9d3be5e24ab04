// What every file export answers before it writes a byte: 401 without a session, 403 to a role
// that may not export, 400 naming a bad filter; all JSON, in Chinese, never cached.
import { expect } from 'vitest'
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
