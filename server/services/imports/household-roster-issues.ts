// The order a cadre reads a roster's problems in: the template's sheets in order, each from its
// first row down.
import type { ImportIssue } from '../../../common/contracts/import/household-roster-import'
import { HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET } from './household-roster-columns'

const sheetOrder = (sheet: string) => [HOUSEHOLD_SHEET, MEMBER_SHEET, RISK_SHEET].indexOf(sheet)

export const byPlace = (a: Pick<ImportIssue, 'sheet' | 'row'>, b: Pick<ImportIssue, 'sheet' | 'row'>) =>
  a.sheet === b.sheet ? (a.row ?? 0) - (b.row ?? 0) : sheetOrder(a.sheet) - sheetOrder(b.sheet)
