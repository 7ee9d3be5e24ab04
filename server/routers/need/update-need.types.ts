import { z } from 'zod'
import { ZClientMutationId } from '../../../common/fields'
import { ZNeedFields } from './need.types'

export const ZUpdateNeedRequestSchema = ZNeedFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: z.number().int().min(1),
})
export type TUpdateNeedRequest = z.infer<typeof ZUpdateNeedRequestSchema>
