// An import problem as the cadre reads it: sheet, row and column, a stable code, a Chinese message,
// and the whole as one line, 「户信息」第5行 户编号：….
import type { ImportIssue, ImportIssueCode } from '../../../common/contracts/import/household-roster-import'
import { HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET } from './household-roster-columns'

export const issue = (
  sheet: string,
  row: number | null,
  column: string | null,
  code: ImportIssueCode,
  message: string,
): ImportIssue => ({
  sheet,
  row,
  column,
  code,
  message,
  text: `「${sheet}」${row === null ? '' : `第${row}行`}${column ? ` ${column}` : ''}：${message}`,
})

const sheetOrder = (sheet: string) => [HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET].indexOf(sheet)

/** The template's sheets in order, each from its first row down. */
export const byPlace = (a: ImportIssue, b: ImportIssue) =>
  a.sheet === b.sheet ? (a.row ?? 0) - (b.row ?? 0) : sheetOrder(a.sheet) - sheetOrder(b.sheet)
