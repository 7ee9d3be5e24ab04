// Which failures are worth retrying. Read from the error as the tRPC client presents it
// (`data.httpStatus`, `data.appCode`, the server's Chinese message). Anything without that shape
// never reached the server (no network, a timeout) and is retried too, unless an answer in another
// shape says the request is too large (a proxy's 413): asking again cannot help.
import type { ItemError } from './types'

export type Verdict =
  /** Will not get better by asking again: the item stops until the person acts. */
  | { kind: 'permanent'; error: ItemError }
  /** Ask again later, with backoff. */
  | { kind: 'temporary'; error: ItemError }
  /** The record is already there (a create with this client id was recorded before). */
  | { kind: 'already-recorded' }

type ErrorData = { appCode?: unknown; code?: unknown; httpStatus?: unknown }

const NETWORK_MESSAGE = '网络连接失败，将在恢复网络后自动同步'
const TOO_LARGE_MESSAGE = '提交的内容太大，请删减后再提交'

/** The status of an answer in another shape (a proxy's size limit), kept by the client with the response. */
const statusOfAnswer = (error: unknown): number | undefined => {
  const status = (error as { meta?: { response?: { status?: unknown } } } | null)?.meta?.response?.status
  return typeof status === 'number' ? status : undefined
}

export const classifyError = (error: unknown): Verdict => {
  const data = (error as { data?: ErrorData } | null)?.data
  const httpStatus = typeof data?.httpStatus === 'number' ? data.httpStatus : undefined
  if (!data || httpStatus === undefined) {
    if (statusOfAnswer(error) === 413)
      return { kind: 'permanent', error: { code: 'PAYLOAD_TOO_LARGE', message: TOO_LARGE_MESSAGE } }
    return { kind: 'temporary', error: { code: 'NETWORK', message: NETWORK_MESSAGE } }
  }
  const code = typeof data.appCode === 'string' ? data.appCode : String(data.code ?? 'UNKNOWN')
  const message = error instanceof Error && error.message ? error.message : '同步失败'
  // A create replayed after its idempotency key was pruned (npm run retention) finds its own record.
  if (code === 'ALREADY_RECORDED') return { kind: 'already-recorded' }
  // 5xx (SERVICE_UNAVAILABLE, a lost database), 429, 408: the server may manage later. 401 and an
  // outdated privacy consent too: they pass once the person signs in or agrees again. Any other
  // 4xx, a 413 (PAYLOAD_TOO_LARGE) among them, is the person's to fix, as the message says.
  const isTemporary =
    httpStatus >= 500 ||
    httpStatus === 429 ||
    httpStatus === 408 ||
    httpStatus === 401 ||
    code === 'PRIVACY_CONSENT_REQUIRED'
  return { kind: isTemporary ? 'temporary' : 'permanent', error: { code, message } }
}
