// Cell values for spreadsheet exports, made safe to open in Excel or WPS:
//   - text is made inert against formula injection (CSV/formula injection, OWASP): a value that a
//     spreadsheet could read as a formula once someone edits the cell or saves the sheet as CSV
//     gets a leading apostrophe, as OWASP recommends;
//   - money goes in as a number of yuan only when that number is exact (see yuanCell).
// Every export writes its rows through toCells, so no text reaches a cell unescaped.
import { fenToYuanText } from '../../../common/money'

/** What an export puts in a cell: text, a number, or nothing. */
export type PlainCell = string | number | null

/**
 * The characters that make a spreadsheet read text as a formula or a DDE call
 * (https://owasp.org/www-community/attacks/CSV_Injection): = + - @, a tab, a carriage return, NUL.
 * Full-width ＝＋－＠ are included to be safe: with a CJK input method, a spreadsheet may take them
 * as the start of a formula when the cell is edited.
 */
const FORMULA_START = /^[=+\-@\t\r\0＝＋－＠]/u

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else unchanged. */
export const inertText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text)

/** A row's values with every text cell made inert; numbers and blanks pass through. */
export const toCells = (values: readonly PlainCell[]): PlainCell[] =>
  values.map((value) => (typeof value === 'string' ? inertText(value) : value))

/** Excel's format for yuan: thousands separators, two decimals. */
export const YUAN_FORMAT = '#,##0.00'

/**
 * Below 10^15 fen (15 significant digits, what Excel stores and shows exactly), the double
 * nearest fen / 100 is written and read back as exactly the decimal yuan.cents.
 */
const EXACT_FEN_LIMIT = 1e15

/**
 * Fen as a yuan cell: 4400000 → 44000 (shown as 44,000.00 under YUAN_FORMAT). An amount too large
 * for Excel to hold exactly becomes the text "12,345,678,901,234.56" instead of a rounded number.
 */
export const yuanCell = (fen: number): number | string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`)
  return Math.abs(fen) < EXACT_FEN_LIMIT ? fen / 100 : fenToYuanText(fen)
}
