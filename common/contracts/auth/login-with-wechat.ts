import { z } from 'zod'
import { whenMissing } from '../fields'

export const ZLoginWithWeChatRequestSchema = z.object({
  /** The code from wx.login(); valid once, for five minutes. */
  code: z.string(whenMissing('缺少微信登录凭证')).trim().min(1, '缺少微信登录凭证').max(128, '微信登录凭证格式不正确'),
})
export type TLoginWithWeChatRequest = z.infer<typeof ZLoginWithWeChatRequestSchema>
