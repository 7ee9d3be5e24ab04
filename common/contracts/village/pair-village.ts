import { z } from 'zod'
import { whenMissing, ZClientMutationId, ZDateOnly } from '../fields'

/** 结对帮扶: pairs an org with a village from a day (default today, in Beijing). */
export const ZPairVillageRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  orgId: z.uuid(whenMissing('请选择结对的组织')),
  villageId: z.uuid(whenMissing('请选择结对的村')),
  startedOn: ZDateOnly.optional(),
})
export type TPairVillageRequest = z.infer<typeof ZPairVillageRequestSchema>
