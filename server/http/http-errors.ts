// Plain HTTP routes (file downloads, which tRPC cannot stream) answer errors as JSON:
// { "error": { "code": "FORBIDDEN", "message": "<Chinese, actionable>", "requestId": "…" } },
// with the HTTP status tRPC would give the same AppError code, so one code means one status
// everywhere.
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import type { FastifyReply } from 'fastify'
import type { FieldErrors, HttpErrorBody } from '../../common/contracts/errors'
import { APP_ERRORS, type AppErrorCode } from '../errors'

export const statusOf = (code: AppErrorCode): number =>
  getHTTPStatusCodeFromError(new TRPCError({ code: APP_ERRORS[code].trpc }))

export const sendHttpError = (
  reply: FastifyReply,
  code: AppErrorCode | 'INTERNAL',
  options: { message?: string; fieldErrors?: FieldErrors; status?: number } = {},
) => {
  const status = options.status ?? (code === 'INTERNAL' ? 500 : statusOf(code))
  const message = options.message ?? (code === 'INTERNAL' ? '' : APP_ERRORS[code].message)
  const body: HttpErrorBody = {
    error: {
      code,
      message,
      requestId: String(reply.request.id),
      ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}),
    },
  }
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body)
}
