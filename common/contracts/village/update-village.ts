import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { ZVillageFields } from './village-fields'

export const ZUpdateVillageRequestSchema = ZVillageFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
})
export type TUpdateVillageRequest = z.infer<typeof ZUpdateVillageRequestSchema>
