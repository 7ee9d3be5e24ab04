// 待办提醒 in the mini-program: asks WeChat, on the tap in 我的, for a one-time subscribe grant of
// the reminder template (wx.requestSubscribeMessage only offers from a tap) and records what was
// accepted (notice.recordGrants). Each grant lets the server send one reminder. (H5 has no
// subscribe messages: ask-reminders.h5.ts.)
import Taro from '@tarojs/taro'

export const HAS_REMINDERS = true

/** What the person chose: accepted and recorded, refused (or WeChat could not ask), or not recorded. */
export type ReminderAnswer = 'recorded' | 'refused' | 'unrecorded'

export const askReminders = async (
  templateId: string,
  record: (templateIds: string[]) => Promise<unknown>,
): Promise<ReminderAnswer> => {
  let accepted: boolean
  try {
    // entityIds is Alipay's name for the same list; WeChat reads tmplIds.
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] })
    accepted = !('errCode' in answer) && (answer as Record<string, unknown>)[templateId] === 'accept'
  } catch {
    accepted = false
  }
  if (!accepted) return 'refused'
  try {
    await record([templateId])
    return 'recorded'
  } catch {
    return 'unrecorded'
  }
}
