// Every mutation may carry a client-made UUID; a replay with it returns the first result
// (server/services/idempotency.ts). The offline queue (#5) always sends one.
import { z } from 'zod'

export const ZClientMutationId = z.uuid('提交编号格式不正确').optional()

export const ZMutationMeta = z.object({ clientMutationId: ZClientMutationId })
