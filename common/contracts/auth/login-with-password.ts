import { z } from 'zod'
import { whenMissing, ZMobilePhone } from '../fields'

export const ZLoginWithPasswordRequestSchema = z.object({
  phone: ZMobilePhone,
  password: z.string(whenMissing('请输入密码')).min(1, '请输入密码').max(200, '密码过长'),
})
export type TLoginWithPasswordRequest = z.infer<typeof ZLoginWithPasswordRequestSchema>
