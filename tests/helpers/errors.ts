// Asserting on tRPC errors the way a client sees them: code, stable app code, Chinese message.
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { expect } from 'vitest'
import { AppError } from '../../server/errors'

export type CaughtError = {
  code: string
  appCode: string | undefined
  message: string
  httpStatus: number
  cause: unknown
}

/** Runs a call that must fail and returns what failed. */
export const failureOf = async (call: Promise<unknown>): Promise<CaughtError> => {
  try {
    await call
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError)
    const e = error as TRPCError
    const cause = e.cause
    return {
      code: e.code,
      appCode: cause instanceof AppError ? cause.code : undefined,
      message: e.message,
      httpStatus: getHTTPStatusCodeFromError(e),
      cause,
    }
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** Chinese characters: every message a user sees must have some. */
export const CHINESE = /[\u4e00-\u9fff]/
