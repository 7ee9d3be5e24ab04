// Reading an uploaded 困难户花名册 (household-roster-import.ts): the file must be an .xlsx of the
// template's sheets (household-roster-columns.ts), read as every import reads its sheets
// (import-workbook.ts); every cell that cannot be read is an error at its place.
import type { ImportIssue } from '../../../common/contracts/import/household-roster-import'
import { AppError } from '../../errors'
import {
  EXAMPLE_CODE,
  type HouseholdColumnKey,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type MemberColumnKey,
  type RiskColumnKey,
  ROSTER_SHEETS,
} from './household-roster-columns'
import { issueAt } from './import-issues'
import { openWorkbook, readSheet, type SheetRow } from './import-workbook'

export type { SheetRow } from './import-workbook'

export type ParsedRoster = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  households: SheetRow<HouseholdColumnKey>[]
  members: SheetRow<MemberColumnKey>[]
  risks: SheetRow<RiskColumnKey>[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

/** The file, read: refuses what is not an .xlsx, or too large a roster; row problems are collected. */
export const parseRosterFile = async (bytes: Buffer): Promise<ParsedRoster> => {
  const { digest, workbook } = await openWorkbook(bytes)
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const { household, member, risk } = ROSTER_SHEETS
  const sheets = {
    household: workbook.getWorksheet(household.name),
    member: workbook.getWorksheet(member.name),
    // Optional: a roster may record no risks.
    risk: workbook.getWorksheet(risk.name),
  }
  for (const [name, sheet] of [
    [household.name, sheets.household],
    [member.name, sheets.member],
  ] as const)
    if (!sheet) errors.push(issueAt(name, null, null, 'MISSING_SHEET', '文件中没有这张工作表，请使用导入模板'))
  const rowCount = Object.values(sheets).reduce((sum, sheet) => sum + Math.max(0, (sheet?.actualRowCount ?? 0) - 1), 0)
  if (rowCount > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS')
  const rowsOf = <C extends ImportColumn>(sheet: (typeof sheets)[keyof typeof sheets], columns: readonly C[]) => {
    if (!sheet) return []
    const read = readSheet(sheet, { columns, example: { key: 'code', value: EXAMPLE_CODE, label: '户编号' } })
    errors.push(...read.errors)
    warnings.push(...read.warnings)
    return read.rows
  }
  return {
    digest,
    households: rowsOf(sheets.household, household.columns),
    members: rowsOf(sheets.member, member.columns),
    risks: rowsOf(sheets.risk, risk.columns),
    errors,
    warnings,
  }
}
