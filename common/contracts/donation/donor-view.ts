import { z } from 'zod'
import { whenMissing } from '../fields'

/** 捐赠去向: where one donation went, as its donor org's secretary sees it. */
export const ZDonorViewRequestSchema = z.object({ donationId: z.uuid(whenMissing('请选择捐赠', '捐赠编号格式不正确')) })
export type TDonorViewRequest = z.infer<typeof ZDonorViewRequestSchema>
