// 村民 opened one of their needs: what changed on it until now leaves their 待办.
import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'

export const ZMarkNeedSeenRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  needId: z.uuid(whenMissing('请指明诉求', '编号格式不正确')),
})
export type TMarkNeedSeenRequest = z.infer<typeof ZMarkNeedSeenRequestSchema>
