import { z } from 'zod'
import { NEED_STATUSES } from '../../enums'
import { nameText, whenMissing, wholeNumber, ZClientMutationId, ZVersion } from '../fields'

export const ZTransitionNeedRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  to: z.enum(NEED_STATUSES, whenMissing('请选择下一步')),
  /** 办理说明 / 不予受理的理由 / 回访记录 */
  note: z.string().trim().max(500, '说明不能超过 500 个字').optional(),
  /** 责任单位, when transferring. */
  responsibleUnit: nameText().max(60, '责任单位不能超过 60 个字').optional(),
  /** 满意度 1–5, at 回访. */
  satisfaction: z
    .number()
    .int(wholeNumber('满意度为 1 到 5 的整数'))
    .min(1, '满意度为 1 到 5 分')
    .max(5, '满意度为 1 到 5 分')
    .optional(),
})
export type TTransitionNeedRequest = z.infer<typeof ZTransitionNeedRequestSchema>
