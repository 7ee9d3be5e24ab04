import { z } from 'zod'
import { ZClientMutationId } from '../fields'

/**
 * The templates the user accepted in one wx.requestSubscribeMessage (at most 3 a call): each is
 * one one-time grant, spent by one message.
 */
export const ZRecordGrantsRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  templateIds: z
    .array(z.string().regex(/^[\w-]{10,64}$/, '消息模板编号格式不正确'))
    .min(1, '请至少选择一项提醒')
    .max(3, '一次最多订阅 3 项提醒'),
})
export type TRecordGrantsRequest = z.infer<typeof ZRecordGrantsRequestSchema>
