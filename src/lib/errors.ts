// Turning API errors into what a person can act on. The server already sends Chinese messages
// and per-field errors; here we add the cases it cannot: no network, no answer.
import { TRPCClientError } from '@trpc/client'
import type { TApiErrorData } from '../../common/contracts/errors'

/** What an answer from a server of another version, or none at all, may lack. */
type ErrorData = Partial<TApiErrorData>

const dataOf = (error: unknown): ErrorData | undefined =>
  error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined

export const appCodeOf = (error: unknown): string | undefined => dataOf(error)?.appCode

export const isUnauthorized = (error: unknown): boolean => dataOf(error)?.httpStatus === 401

/** A lost connection or a 5xx may pass; a 4xx will not get better by asking again. */
export const isRetryable = (error: unknown): boolean => (dataOf(error)?.httpStatus ?? 500) >= 500

export const isConflict = (error: unknown): boolean => dataOf(error)?.httpStatus === 409

/** The message to show: the server's own, or what to do when it could not be reached. */
export const userMessage = (error: unknown): string => {
  if (error instanceof TRPCClientError) {
    if (dataOf(error)?.appCode) return error.message
    if (/network|fetch|timeout|abort/i.test(error.message)) return '网络连接失败，请检查网络后重试'
    return '服务暂时不可用，请稍后重试'
  }
  return '出了点问题，请稍后重试'
}

/** "members.0.name" → first message, for showing beside each field. */
export const fieldErrorsOf = (error: unknown): Record<string, string> => {
  const fieldErrors = dataOf(error)?.zodError?.fieldErrors ?? {}
  const out: Record<string, string> = {}
  for (const [field, messages] of Object.entries(fieldErrors)) if (messages?.[0]) out[field] = messages[0]
  return out
}
