// Plain HTTP routes (file downloads, which tRPC cannot stream) answer errors as JSON:
// { "error": { "code": "FORBIDDEN", "message": "<Chinese, actionable>", "requestId": "…" } },
// with the HTTP status tRPC would give the same AppError code, so one code means one status
// everywhere.
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { FieldErrors, HttpErrorBody } from '../../common/contracts/errors'
import { APP_ERRORS, type AppError, type AppErrorCode, fieldErrorsOf, internalErrorMessage } from '../errors'

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

/** A refusal as its code says, with its message and field errors. */
export const sendAppError = (reply: FastifyReply, error: AppError) =>
  sendHttpError(reply, error.code, {
    message: error.message,
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
  })

/** What no refusal explains: logged (`<what> failed`), and answered with the request id alone. */
export const sendInternalError = (req: FastifyRequest, reply: FastifyReply, error: unknown, what: string) => {
  req.log.error({ err: error }, `${what} failed`)
  return sendHttpError(reply, 'INTERNAL', { message: internalErrorMessage(String(req.id)) })
}

/** VALIDATION_FAILED for a query string: the first problem as the message, and each parameter's problems. */
export const sendQueryRefusal = (reply: FastifyReply, issues: readonly z.core.$ZodIssue[], fallback: string) => {
  const { formErrors, fieldErrors } = fieldErrorsOf(issues)
  return sendHttpError(reply, 'VALIDATION_FAILED', {
    message: issues[0]?.message ?? fallback,
    fieldErrors: formErrors.length ? { ...fieldErrors, query: formErrors } : fieldErrors,
  })
}

/** The query string by its schema (unknown parameters refused), or null once the refusal is sent. */
export const queryOrRefuse = <T>(req: FastifyRequest, reply: FastifyReply, schema: z.ZodType<T>, fallback: string) => {
  const parsed = schema.safeParse(req.query ?? {})
  if (parsed.success) return parsed.data
  sendQueryRefusal(reply, parsed.error.issues, fallback)
  return null
}
