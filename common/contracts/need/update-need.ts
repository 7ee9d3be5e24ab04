import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { ZNeedFields } from './need-fields'

export const ZUpdateNeedRequestSchema = ZNeedFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
})
export type TUpdateNeedRequest = z.infer<typeof ZUpdateNeedRequestSchema>
