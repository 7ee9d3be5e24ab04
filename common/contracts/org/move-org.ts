import { z } from 'zod'
import { whenMissing, ZClientMutationId, ZVersion } from '../fields'

/** Moves an org, with everything below it, under another parent (null: to the top, administrators only). */
export const ZMoveOrgRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  parentId: z.uuid(whenMissing('请选择新的上级组织')).nullable(),
})
export type TMoveOrgRequest = z.infer<typeof ZMoveOrgRequestSchema>
