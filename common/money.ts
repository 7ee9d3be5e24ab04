// Money is integer fen (分) everywhere. This is the one place that turns it into text and back.
// No floating point touches an amount: parsing works on the digits of the string.

/**
 * The largest single amount accepted: ¥1亿 (10^10 fen). Far beyond any donation or handout, and
 * low enough that totals over a province's records stay exact JSON numbers (below 2^53 fen).
 */
export const MAX_FEN = 10_000_000_000

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** 4400000 → "44,000.00" */
export const fenToYuanText = (fen: number): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${groupThousands(String(yuan))}.${cents < 10 ? '0' : ''}${cents}`
}

/** 4400000 → "¥44,000.00" */
export const formatFen = (fen: number): string => {
  const text = fenToYuanText(fen)
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`
}

/**
 * 4400000 → "4.4万元"; amounts under ¥10,000 keep the exact form ("¥500.00").
 * Up to two decimals of 万, trailing zeros dropped: 4,412,345 fen → "4.41万元".
 */
export const formatFenWan = (fen: number): string => {
  if (Math.abs(fen) < 1_000_000) return formatFen(fen)
  const sign = fen < 0 ? '-' : ''
  // 1万元 = 1,000,000 fen; round half up to 0.01万 (= 10,000 fen), in integers.
  const hundredthsOfWan = Math.floor((Math.abs(fen) + 5_000) / 10_000)
  const whole = Math.floor(hundredthsOfWan / 100)
  const fraction = String(hundredthsOfWan % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}万元`
}

/** 4400000 → "44000.00", the form a yuan input field shows. */
export const fenToYuanInput = (fen: number): string => fenToYuanText(fen).replace(/,/g, '')

/** Whether a string of digits, as fen, is past MAX_FEN: compared as text, since past 2^53 the number itself would already be rounded. */
const exceedsMaxFen = (digits: string): boolean => {
  const significant = digits.replace(/^0+(?=\d)/, '')
  const max = String(MAX_FEN)
  return significant.length > max.length || (significant.length === max.length && significant > max)
}

export type ParseYuanResult = { ok: true; fen: number } | { ok: false; message: string }

/**
 * Parses what a person types as yuan ("44000", "44,000.5", "￥1.05") into fen, exactly.
 * Refuses more than two decimals, signs and anything that is not a number.
 */
export const parseYuan = (input: string): ParseYuanResult => {
  const text = input
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/[,，]/g, '')
  if (text === '') return { ok: false, message: '请输入金额' }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text)
  if (!match) {
    if (/^-/.test(text)) return { ok: false, message: '金额不能为负数' }
    return { ok: false, message: '请输入正确的金额，例如 500 或 500.50' }
  }
  const yuan = match[1] ?? ''
  const decimals = match[2] ?? ''
  // Too large is the first thing to fix: more decimals would not make it acceptable.
  if (exceedsMaxFen(`${yuan}00`)) return { ok: false, message: '金额不能超过 1 亿元' }
  if (decimals.length > 2) return { ok: false, message: '金额最多两位小数（精确到分）' }
  const digits = `${yuan}${decimals.padEnd(2, '0')}`
  if (exceedsMaxFen(digits)) return { ok: false, message: '金额不能超过 1 亿元' }
  return { ok: true, fen: Number(digits) }
}

/** Sums amounts of fen, refusing to silently lose precision. */
export const sumFen = (amounts: readonly number[]): number => {
  let total = 0
  for (const amount of amounts) {
    total += amount
    if (!Number.isSafeInteger(total)) throw new RangeError('amount total exceeds the safe integer range')
  }
  return total
}
