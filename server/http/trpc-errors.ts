// Errors the HTTP layer answers itself, before tRPC runs, in tRPC's own response shape (through
// the API's transformer), so that the app shows them like any other error.
import { encode } from '../../common/wire-format'

const JSON_RPC_CODES = {
  METHOD_NOT_SUPPORTED: -32005,
  UNSUPPORTED_MEDIA_TYPE: -32015,
  TOO_MANY_REQUESTS: -32029,
} as const

export const trpcErrorBody = (
  code: keyof typeof JSON_RPC_CODES,
  httpStatus: number,
  appCode: string,
  message: string,
  requestId: string,
) => ({
  error: encode({
    message,
    code: JSON_RPC_CODES[code],
    data: { code, httpStatus, appCode, requestId },
  }),
})
