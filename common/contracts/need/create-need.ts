import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'
import { ZNeedFields } from './need-fields'

export const ZCreateNeedRequestSchema = ZNeedFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
  householdId: z.uuid(whenMissing('请选择困难户')),
})
export type TCreateNeedRequest = z.infer<typeof ZCreateNeedRequestSchema>
