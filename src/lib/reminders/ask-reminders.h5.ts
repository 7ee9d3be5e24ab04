// H5 has no WeChat subscribe messages: reminders come through the mini-program, and the 工作台's
// 待办 lists the same items (the mini-program's is ask-reminders.ts).
export const HAS_REMINDERS = false

export type ReminderAnswer = 'recorded' | 'refused' | 'unrecorded'

export const askReminders = async (
  _templateId: string,
  _record: (templateIds: string[]) => Promise<unknown>,
): Promise<ReminderAnswer> => 'refused'
