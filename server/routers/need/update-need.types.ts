import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../../../common/fields'
import { ZNeedFields } from './need.types'

export const ZUpdateNeedRequestSchema = ZNeedFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
})
export type TUpdateNeedRequest = z.infer<typeof ZUpdateNeedRequestSchema>
