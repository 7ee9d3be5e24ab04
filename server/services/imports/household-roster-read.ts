// Reading an uploaded 困难户花名册 (household-roster-import.ts): the file must be an .xlsx of the
// template's sheets (household-roster-columns.ts); each row's cells are read by their column's kind
// (household-roster-cells.ts), and every cell that cannot be read is an error at its place.
import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { ImportIssue } from '../../../common/contracts/import/household-roster-import'
import { AppError } from '../../errors'
import { type CellValue, readCell } from './household-roster-cells'
import {
  EXAMPLE_CODE,
  type HouseholdColumnKey,
  IMPORT_MAX_ROWS,
  type ImportColumn,
  type MemberColumnKey,
  type RiskColumnKey,
  ROSTER_SHEETS,
} from './household-roster-columns'
import { issue } from './household-roster-issues'

export type SheetRow<K extends string> = {
  row: number
  values: Partial<Record<K, CellValue>>
  raw: Partial<Record<K, string>>
}

export type ParsedRoster = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  households: SheetRow<HouseholdColumnKey>[]
  members: SheetRow<MemberColumnKey>[]
  risks: SheetRow<RiskColumnKey>[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

const normaliseHeader = (value: ExcelJS.CellValue) =>
  String(value ?? '')
    .replace(/[*＊\s]/g, '')
    .trim()

const textOfCell = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((p) => p.text).join('')
    if ('result' in value) return String(value.result ?? '')
    if ('text' in value) return String(value.text)
  }
  return String(value instanceof Date ? value.toISOString().slice(0, 10) : value).trim()
}

const readSheet = <C extends readonly ImportColumn[]>(
  sheet: ExcelJS.Worksheet,
  columns: C,
  errors: ImportIssue[],
  warnings: ImportIssue[],
): SheetRow<C[number]['key']>[] => {
  type K = C[number]['key']
  const positions = new Map<string, number>()
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = normaliseHeader(cell.value)
    if (header) positions.set(header, col)
  })
  const known = new Set(columns.map((c) => c.header))
  for (const header of positions.keys())
    if (!known.has(header))
      warnings.push(issue(sheet.name, 1, header, 'UNKNOWN_COLUMN', '不是模板中的列，已忽略其内容'))
  const missing = columns.filter((c) => c.isRequired && !positions.has(c.header))
  for (const c of missing) errors.push(issue(sheet.name, 1, c.header, 'MISSING_COLUMN', '缺少这一列，请使用导入模板'))
  if (missing.length) return []

  const rows: SheetRow<K>[] = []
  let skippedExample = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Partial<Record<K, CellValue>> = {}
    const raw: Partial<Record<K, string>> = {}
    let hasContent = false
    for (const c of columns as readonly ImportColumn[]) {
      const col = positions.get(c.header)
      if (col === undefined) continue
      const cellValue = row.getCell(col).value
      const text = textOfCell(cellValue)
      if (text) hasContent = true
      raw[c.key as K] = text
      const read = readCell(cellValue, c)
      if (read.ok) values[c.key as K] = read.value
      else errors.push(issue(sheet.name, rowNumber, c.header, read.code, read.message))
    }
    if (!hasContent) return
    if (raw['code' as K] === EXAMPLE_CODE) {
      skippedExample = true
      return
    }
    rows.push({ row: rowNumber, values, raw })
  })
  if (skippedExample)
    warnings.push(issue(sheet.name, null, null, 'EXAMPLE_ROW_SKIPPED', `户编号为「${EXAMPLE_CODE}」的示例行未导入`))
  return rows
}

/** The file, read: refuses what is not an .xlsx, or too large a roster; row problems are collected. */
export const parseRosterFile = async (bytes: Buffer): Promise<ParsedRoster> => {
  const digest = createHash('sha256').update(bytes).digest('hex')
  // An .xlsx is a zip: PK\3\4. An old .xls is an OLE file; a .csv is text.
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new AppError('IMPORT_FILE_TYPE')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as never)
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE')
  }
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
    if (!sheet) errors.push(issue(name, null, null, 'MISSING_SHEET', '文件中没有这张工作表，请使用导入模板'))
  const rowCount = Object.values(sheets).reduce((sum, sheet) => sum + Math.max(0, (sheet?.actualRowCount ?? 0) - 1), 0)
  if (rowCount > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS')
  return {
    digest,
    households: sheets.household ? readSheet(sheets.household, household.columns, errors, warnings) : [],
    members: sheets.member ? readSheet(sheets.member, member.columns, errors, warnings) : [],
    risks: sheets.risk ? readSheet(sheets.risk, risk.columns, errors, warnings) : [],
    errors,
    warnings,
  }
}
