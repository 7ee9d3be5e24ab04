import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'

/** 签收 by the household's own resident: 确认收到, or 有异议 with what is wrong. */
export const ZConfirmHandoverRequestSchema = z
  .object({
    clientMutationId: ZClientMutationId,
    id: z.uuid(),
    answer: z.enum(['RECEIVED', 'DISPUTED'], whenMissing('请选择确认收到或有异议')),
    note: z.string().trim().max(500, '异议说明不能超过 500 个字').nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.answer === 'DISPUTED' && !c.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请说明哪里不对，如数量不符、没有收到' })
    }
  })
export type TConfirmHandoverRequest = z.infer<typeof ZConfirmHandoverRequestSchema>
