import { z } from 'zod'
import { whenMissing, ZClientMutationId, ZVersion } from '../fields'

/** 撤销: the org keeps its history; its roles and pairings end on the day it closes. */
export const ZCloseOrgRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  reason: z.string(whenMissing('请填写撤销原因')).trim().min(2, '请填写撤销原因').max(200, '撤销原因不能超过 200 个字'),
})
export type TCloseOrgRequest = z.infer<typeof ZCloseOrgRequestSchema>
