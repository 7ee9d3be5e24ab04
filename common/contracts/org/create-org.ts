import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'
import { ZOrgKind, ZOrgName, ZOrgShortName } from './org-fields'

export const ZCreateOrgRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
  name: ZOrgName,
  shortName: ZOrgShortName,
  kind: ZOrgKind,
  /** 上级组织; null: a top-level org (administrators only). */
  parentId: z.uuid(whenMissing('请选择上级组织')).nullable(),
})
export type TCreateOrgRequest = z.infer<typeof ZCreateOrgRequestSchema>
