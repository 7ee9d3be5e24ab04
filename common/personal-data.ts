// Checks and masks for personal data: 18-digit 居民身份证号码 (GB 11643-1999) and mobile phones.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'

/** The check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export const idNumberCheckChar = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK_CHARS[sum % 11] ?? ''
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit'

/** Why an ID number is not valid, or null when it is. */
export const idNumberProblem = (value: string): IdNumberProblem | null => {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format'
  const year = Number(value.slice(6, 10))
  const month = Number(value.slice(10, 12))
  const day = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  const isRealDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  if (year < 1900 || !isRealDate || date.getTime() > Date.now()) return 'birthDate'
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'checkDigit'
  return null
}

/** 630121199001011234 → 630121********1234 */
export const maskIdNumber = (value: string): string => `${value.slice(0, 6)}********${value.slice(-4)}`

/** 13800138000 → 138****8000 */
export const maskPhone = (value: string): string => `${value.slice(0, 3)}****${value.slice(-4)}`

/**
 * A name as a 公示 (public notice) shows it: the surname and the last character, the rest masked,
 * so that neighbours recognise the household and a stranger cannot look the person up.
 * 马德林 → 马*林, 李华 → 李*, 欧阳振华 → 欧**华.
 */
export const maskPersonName = (name: string): string => {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`
}
