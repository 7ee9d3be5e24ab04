import { z } from 'zod'
import { nameText, whenMissing, ZClientMutationId } from '../fields'

/** The smallest signature accepted, as base64: no PNG of a drawing is shorter. */
export const SIGNATURE_MIN_BASE64 = 100

/** The largest signature accepted, as base64 (about 375 KB of PNG): a pad's drawing is far smaller. */
export const SIGNATURE_MAX_BASE64 = 500_000

/**
 * 签收 on the cadre's phone: the recipient signs on the screen, and the drawing (a PNG, base64)
 * becomes the handover's signature. Sent through the offline queue like every other record, so
 * `signedAt` is the phone's time of signing.
 */
export const ZSignHandoverRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(whenMissing('请选择发放记录', '发放记录编号格式不正确')),
  /** The PNG the signature pad exported, base64 without a data: prefix. */
  signaturePng: z
    .string(whenMissing('请受助人签字后再确认'))
    .min(SIGNATURE_MIN_BASE64, '签字为空，请受助人签字后再确认')
    .max(SIGNATURE_MAX_BASE64, '签字图片过大，请清除后重新签字')
    // The length is in the pattern too, so that strings made to match it (the fuzz suite's) are
    // long enough to be taken.
    .regex(/^[A-Za-z0-9+/]{100,}={0,2}$/, '签字图片格式不正确，请清除后重新签字'),
  /** 签字人, when someone signs for the recipient. */
  signerName: nameText().max(30, '签字人姓名不能超过 30 个字').nullish(),
  /** When it was signed, ISO 8601 with an offset. */
  signedAt: z.iso.datetime({ offset: true, ...whenMissing('缺少签字时间', '签字时间格式不正确') }),
})
export type TSignHandoverRequest = z.infer<typeof ZSignHandoverRequestSchema>
