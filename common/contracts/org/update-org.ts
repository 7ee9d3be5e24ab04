import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { ZOrgKind, ZOrgName, ZOrgShortName } from './org-fields'

/** Renames an org or corrects its kind; its place in the tree changes with org.move. */
export const ZUpdateOrgRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  name: ZOrgName,
  shortName: ZOrgShortName,
  kind: ZOrgKind,
})
export type TUpdateOrgRequest = z.infer<typeof ZUpdateOrgRequestSchema>
