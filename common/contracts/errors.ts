// The shape of every refusal the API sends, read by the app. One code path makes each: tRPC's
// errorFormatter (server/trpc.ts) for /trpc, and sendHttpError (server/http/http-errors.ts) for
// the file routes (/exports, /imports, /uploads).

/** Field path (e.g. "members.0.name") → messages, in the shape of zod's flattened errors. */
export type FieldErrors = Record<string, string[]>

/** `error.data` of a tRPC error answer: the English code for developers, the Chinese message beside it. */
export type TApiErrorData = {
  /** tRPC's code, e.g. BAD_REQUEST. */
  code: string
  httpStatus: number
  path?: string | undefined
  /** The stable English code (server/errors.ts's APP_ERRORS, or a tRPC code). */
  appCode: string
  requestId: string | null
  zodError?: { formErrors: string[]; fieldErrors: FieldErrors } | null
  /** Safe, non-personal details (the current version on a conflict, the wait on a rate limit). */
  details?: Record<string, unknown> | null
}

/** The body of an error answer from a plain HTTP route. */
export type HttpErrorBody = {
  error: { code: string; message: string; requestId: string; fieldErrors?: FieldErrors }
}
