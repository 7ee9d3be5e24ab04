import { z } from 'zod'
import { ZClientMutationId } from '../fields'
import { ZVillageFields } from './village-fields'

export const ZCreateVillageRequestSchema = ZVillageFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
})
export type TCreateVillageRequest = z.infer<typeof ZCreateVillageRequestSchema>
