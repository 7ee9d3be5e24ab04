// WeChat's rules for a subscribe message's fields (subscribeMessage.send, "订阅消息参数值内容限制"):
// the type is the keyword's name without its number (thing1 → thing), and each type takes values
// of a bounded length and character set. A value that breaks them makes WeChat refuse the whole
// message (47003), so every value is fitted here before it is queued.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html

export const FIELD_TYPES = ['thing', 'phrase', 'time', 'date', 'character_string', 'number'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** The type of a template keyword such as `thing1` or `character_string12`; null: not one we fill. */
export const fieldTypeOf = (keyword: string): FieldType | null => {
  const match = /^([a-z_]+?)(\d+)$/.exec(keyword)
  const type = match?.[1]
  return FIELD_TYPES.find((t) => t === type) ?? null
}

const chars = (text: string) => Array.from(text)

/** Up to `max` characters; a longer text ends in "…" within them. */
const clip = (text: string, max: number) => {
  const all = chars(text)
  return all.length <= max ? text : `${all.slice(0, max - 1).join('')}…`
}

const shanghaiParts = (instant: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') }
}

/** 2026年12月6日 17:05, in Beijing time: what both `time` and `date` accept. */
export const wechatDateTime = (instant: Date): string => {
  const { year, month, day, hour, minute } = shanghaiParts(instant)
  return `${year}年${Number(month)}月${Number(day)}日 ${hour}:${minute}`
}

/** 2026年12月6日, a calendar day (YYYY-MM-DD) as both `time` and `date` take it. */
export const wechatDay = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}

const WECHAT_DAY = /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/

export type FieldValue = string | Date

/**
 * The value as the keyword's type takes it. Throws on a value that cannot be made to fit (a
 * phrase that is not 5 Chinese characters at most): that is a mistake in the mapping, not data.
 */
export const fitField = (type: FieldType, value: FieldValue): string => {
  if (value instanceof Date) {
    if (type === 'time' || type === 'date' || type === 'thing') return wechatDateTime(value)
    throw new Error(`a ${type} field cannot hold a time`)
  }
  // One line: WeChat shows a field on one line and refuses control characters.
  const text = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim()
  switch (type) {
    case 'thing':
      return clip(text, 20)
    case 'phrase':
      if (!/^\p{Script=Han}{1,5}$/u.test(text)) throw new Error(`a phrase field takes 1–5 Chinese characters: ${text}`)
      return text
    case 'character_string':
      return clip(text.replace(/[^\x21-\x7e]/g, ''), 32)
    case 'number':
      if (!/^\d{1,32}(\.\d+)?$/.test(text)) throw new Error(`a number field takes digits: ${text}`)
      return text
    case 'time':
    case 'date':
      if (WECHAT_DAY.test(text)) return text
      throw new Error(`a ${type} field takes a time`)
  }
}
