// Errors the HTTP layer answers itself, before tRPC runs, in tRPC's own response shape (through
// the API's transformer), so that the app shows them like any other error.
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc'
import { encode } from '../../common/wire-format'

export const trpcErrorBody = (
  code: TRPC_ERROR_CODE_KEY,
  httpStatus: number,
  appCode: string,
  message: string,
  requestId: string,
) => ({
  error: encode({
    message,
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus, appCode, requestId },
  }),
})
