import { z } from 'zod'
import { whenMissing, ZFen } from '../fields'

/**
 * What a handover takes from one donation: cash in fen, or a quantity of one of its goods lines.
 * The server checks each against what the donation still holds.
 */
export const ZHandoverDraw = z
  .object({
    donationId: z.uuid(whenMissing('请选择捐赠')),
    /** Set for goods: which line of the donation; the quantity is taken from it. */
    donationGoodsId: z.uuid().nullish(),
    quantity: z.number().int('数量应为整数').positive('数量应大于 0').max(1_000_000, '数量过大，请核对').nullish(),
    cashFen: ZFen.nullish(),
  })
  .superRefine((draw, ctx) => {
    if (draw.donationGoodsId) {
      if (!draw.quantity) ctx.addIssue({ code: 'custom', path: ['quantity'], message: '请填写从这项物资中发放的数量' })
      if (draw.cashFen) ctx.addIssue({ code: 'custom', path: ['cashFen'], message: '物资和现金请分开填写' })
    } else if (!draw.cashFen) {
      ctx.addIssue({ code: 'custom', path: ['cashFen'], message: '请填写从这笔捐赠中发放的金额' })
    }
  })
export type THandoverDraw = z.infer<typeof ZHandoverDraw>

export const ZHandoverDraws = z.array(ZHandoverDraw).max(30, '一次发放最多关联 30 项捐赠').default([])
