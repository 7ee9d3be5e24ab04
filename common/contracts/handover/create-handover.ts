import { z } from 'zod'
import { VISIT_TARGETS } from '../../enums'
import { whenMissing, ZClientMutationId, ZDateOnly, ZFen, ZGoodsLines } from '../fields'
import { ZHandoverDraws } from './handover-draws'

/** 发放: goods and 慰问金 handed to one household or one 驻村干部, and the donations they came from. */
export const ZCreateHandoverRequestSchema = z
  .object({
    clientMutationId: ZClientMutationId,
    id: z.uuid().optional(),
    recipientKind: z.enum(VISIT_TARGETS, whenMissing('请选择发放对象')),
    householdId: z.uuid().nullish(),
    cadreUserId: z.uuid().nullish(),
    /** The cadre's village; a household's is its own. */
    villageId: z.uuid().nullish(),
    activityId: z.uuid().nullish(),
    handedOverOn: ZDateOnly,
    goods: ZGoodsLines.default([]),
    cashFen: ZFen.default(0),
    draws: ZHandoverDraws,
    note: z.string().trim().max(500, '备注不能超过 500 个字').nullish(),
  })
  .superRefine((h, ctx) => {
    if (h.recipientKind === 'HOUSEHOLD' && !h.householdId) {
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择领取的困难户' })
    }
    if (h.recipientKind === 'CADRE' && !h.cadreUserId) {
      ctx.addIssue({ code: 'custom', path: ['cadreUserId'], message: '请选择领取的驻村干部' })
    }
    if (!h.goods.length && !h.cashFen) {
      ctx.addIssue({ code: 'custom', path: ['goods'], message: '请填写发放的物资或慰问金' })
    }
  })
export type TCreateHandoverRequest = z.infer<typeof ZCreateHandoverRequestSchema>
