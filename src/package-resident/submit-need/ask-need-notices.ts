// Asks the resident, on the tap that submits a need, whether WeChat may tell them when it is
// handled: a one-time subscribe message (一次性订阅消息), which wx.requestSubscribeMessage only
// offers from a tap. Resolves to the template ids accepted; a refusal, a rejected template or an
// old WeChat resolve to none, and the need is submitted either way. (H5 has no subscribe
// messages: ask-need-notices.h5.ts.)
import Taro from '@tarojs/taro'

export const askNeedNotices = async (templateId: string | null): Promise<string[]> => {
  if (!templateId) return []
  try {
    // entityIds is Alipay's name for the same list; WeChat reads tmplIds.
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] })
    return 'errCode' in answer || (answer as Record<string, unknown>)[templateId] !== 'accept' ? [] : [templateId]
  } catch {
    return []
  }
}
