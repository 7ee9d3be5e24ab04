import { z } from 'zod'
import { NEED_CATEGORIES } from '../../enums'
import { whenMissing, ZClientMutationId } from '../fields'
import { ZNeedDescription } from '../need/need-fields'

export const ZSubmitNeedRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
  category: z.enum(NEED_CATEGORIES, whenMissing('请选择诉求类别')),
  description: ZNeedDescription,
})
export type TSubmitNeedRequest = z.infer<typeof ZSubmitNeedRequestSchema>
