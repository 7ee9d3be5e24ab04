import { z } from 'zod'
import { DONATION_KINDS, DONATION_RECIPIENTS } from '../../enums'
import { nameText, whenMissing, wholeRecord, ZClientMutationId, ZDateOnly, ZFen, ZGoodsLines } from '../fields'

/** One donation as a form (or a row of a batch) records it. */
export const ZDonationFields = z.object({
  id: z.uuid().optional(),
  /** The donor: an org (a branch, a law firm) or, for outside donors, just a name. */
  donorOrgId: z.uuid().nullish(),
  donorName: nameText().max(60, '捐赠方名称不能超过 60 个字').nullish(),
  recipientKind: z.enum(DONATION_RECIPIENTS, whenMissing('请选择受赠对象')).default('VILLAGE'),
  villageId: z.uuid(whenMissing('请选择受赠村')),
  householdId: z.uuid().nullish(),
  cadreUserId: z.uuid().nullish(),
  activityId: z.uuid().nullish(),
  kind: z.enum(DONATION_KINDS, whenMissing('请选择捐赠类型')),
  /** Cash in fen. For goods it is the sum of the lines, computed by the server. */
  amountFen: ZFen.optional(),
  goods: ZGoodsLines.default([]),
  receivedOn: ZDateOnly,
  note: z.string().trim().max(500, '备注不能超过 500 个字').nullish(),
})
export type TDonationFields = z.infer<typeof ZDonationFields>

export const refineDonation = (d: TDonationFields, ctx: z.RefinementCtx) => {
  if (!d.donorOrgId && !d.donorName) {
    ctx.addIssue({ code: 'custom', path: ['donorName'], message: '请选择捐赠单位或填写捐赠方名称' })
  }
  if (d.kind === 'CASH') {
    if (!d.amountFen) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: '请填写捐赠金额' })
    if (d.goods.length) ctx.addIssue({ code: 'custom', path: ['goods'], message: '现金捐赠不填物资，物资请另记一笔' })
  }
  if (d.kind === 'GOODS' && !d.goods.length) {
    ctx.addIssue({ code: 'custom', path: ['goods'], message: '请至少填写一项物资' })
  }
  if (d.recipientKind === 'HOUSEHOLD' && !d.householdId) {
    ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择受赠的困难户' })
  }
  if (d.recipientKind === 'CADRE' && !d.cadreUserId) {
    ctx.addIssue({ code: 'custom', path: ['cadreUserId'], message: '请选择受赠的驻村干部' })
  }
}

export const ZCreateDonationRequestSchema = ZDonationFields.extend({ clientMutationId: ZClientMutationId }).superRefine(
  ...wholeRecord(refineDonation),
)
export type TCreateDonationRequest = z.infer<typeof ZCreateDonationRequestSchema>
