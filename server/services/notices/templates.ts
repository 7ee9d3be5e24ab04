// The subscribe-message templates the server sends, as configured (server/env.ts,
// docs/deployment.md "WeChat subscribe messages"): each is a template id chosen in the
// mini-program's console and a mapping from what the server tells to the template's keywords
// (subject=thing1,status=phrase2,…), since every template numbers its keywords its own way.
import { type FieldType, type FieldValue, fieldTypeOf, fitField } from './wechat-fields'

/** A need's status changed: what is told, and the keyword types each may fill. */
export const NEED_STATUS_VALUES = {
  /** Which need, without its content: 12月6日提交的诉求. */
  subject: ['thing'],
  /** 已受理, 已办结, …: the need's new status. */
  status: ['phrase', 'thing'],
  time: ['time', 'date', 'thing'],
  /** What to do next (请对办理结果作出评价), or what happened. */
  tip: ['thing'],
} as const satisfies Record<string, readonly FieldType[]>

export type NeedStatusValue = keyof typeof NEED_STATUS_VALUES

export const DEFAULT_NEED_STATUS_FIELDS = 'subject=thing1,status=phrase2,time=time3,tip=thing4'

/** A cadre's or secretary's 待办 item (the reminder scan): what is told, and the keyword types. */
export const REMINDER_VALUES = {
  /** What needs doing, without whom it concerns: 诉求已逾期, 本月还没有主题党日. */
  subject: ['thing'],
  /** The day it is due by (a calendar day in Beijing). */
  due: ['date', 'time', 'thing'],
  /** Where to look: 请在小程序的待办中查看. */
  tip: ['thing'],
} as const satisfies Record<string, readonly FieldType[]>

export type ReminderValue = keyof typeof REMINDER_VALUES

export const DEFAULT_REMINDER_FIELDS = 'subject=thing1,due=date2,tip=thing3'

export type NoticeTemplate<V extends string> = {
  templateId: string
  /** Template keyword → what fills it. */
  fields: Record<string, V>
}

export type NoticeTemplates = {
  /** A resident's own need changed status (受理, 转交, 办结, 回访). Null: not configured. */
  needStatus: NoticeTemplate<NeedStatusValue> | null
  /** A cadre's or secretary's 待办 (needs due, 回访, visits, 主题党日, 督办). Null: not configured. */
  reminder?: NoticeTemplate<ReminderValue> | null
}

export const NO_TEMPLATES: NoticeTemplates = { needStatus: null, reminder: null }

/** Every configured template id (what the app asks the user to accept). */
export const templateIdsOf = (templates: NoticeTemplates): string[] =>
  [templates.needStatus?.templateId, templates.reminder?.templateId].filter((id): id is string => Boolean(id))

/**
 * Reads a mapping written `value=keyword,value=keyword`. Throws with the reason when a value is
 * unknown, missing, or put in a keyword whose type cannot hold it.
 */
export const parseFieldMapping = <V extends string>(
  text: string,
  values: Record<V, readonly FieldType[]>,
): Record<string, V> => {
  const fields: Record<string, V> = {}
  const names = Object.keys(values) as V[]
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, keyword] = pair.split('=').map((s) => s.trim())
    const value = names.find((n) => n === name)
    if (!value || !keyword) throw new Error(`"${pair}": write value=keyword, with value one of ${names.join(', ')}`)
    const type = fieldTypeOf(keyword)
    if (!type || !values[value].includes(type))
      throw new Error(`"${pair}": ${value} goes in a keyword of type ${values[value].join(' or ')}`)
    fields[keyword] = value
  }
  const missing = names.filter((name) => !Object.values(fields).includes(name))
  if (missing.length) throw new Error(`no keyword for ${missing.join(', ')}`)
  return fields
}

/** The message's `data`: each keyword's value, fitted to WeChat's rules for its type. */
export const renderFields = <V extends string>(
  template: NoticeTemplate<V>,
  values: Record<V, FieldValue>,
): Record<string, { value: string }> =>
  Object.fromEntries(
    Object.entries<V>(template.fields).map(([keyword, name]) => [
      keyword,
      { value: fitField(fieldTypeOf(keyword) as FieldType, values[name]) },
    ]),
  )
