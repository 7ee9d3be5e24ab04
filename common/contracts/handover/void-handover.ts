import { z } from 'zod'
import { whenMissing, ZClientMutationId, ZVersion } from '../fields'

export const ZVoidHandoverRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  reason: z.string(whenMissing('请填写作废原因')).trim().min(2, '请填写作废原因').max(200, '作废原因不能超过 200 个字'),
})
export type TVoidHandoverRequest = z.infer<typeof ZVoidHandoverRequestSchema>
