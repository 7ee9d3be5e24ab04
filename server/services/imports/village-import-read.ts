// Reading an uploaded village list: the 村名单 sheet (or, in a file of one's own, its first sheet
// but 说明), its header row matched to the template's columns, and each row's cells as text.
// Field rules are checked afterwards (village-import-check.ts).
import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { VillageImportIssue, VillageImportIssueCode } from '../../../common/contracts/village/village-import'
import { AppError } from '../../errors'
import { readCell } from './household-roster-cells'
import {
  VILLAGE_COLUMNS,
  VILLAGE_EXAMPLE_NAME,
  VILLAGE_IMPORT_MAX_ROWS,
  VILLAGE_NOTES_SHEET,
  VILLAGE_SHEET,
  type VillageColumnKey,
} from './village-import-columns'

export const villageIssue = (
  sheet: string,
  row: number | null,
  column: string | null,
  code: VillageImportIssueCode,
  message: string,
): VillageImportIssue => ({
  sheet,
  row,
  column,
  code,
  message,
  text: `「${sheet}」${row === null ? '' : `第${row}行`}${column ? ` ${column}` : ''}：${message}`,
})

export type VillageSheetRow = { row: number; values: Partial<Record<VillageColumnKey, string>> }

export type ParsedVillages = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  sheet: string
  rows: VillageSheetRow[]
  errors: VillageImportIssue[]
  warnings: VillageImportIssue[]
}

/** Headers as people retype them: half-width brackets, a required-mark, spaces. */
const normaliseHeader = (value: ExcelJS.CellValue) =>
  String(value ?? '')
    .replace(/[*＊\s]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')

const readRows = (
  sheet: ExcelJS.Worksheet,
  errors: VillageImportIssue[],
  warnings: VillageImportIssue[],
): VillageSheetRow[] => {
  const positions = new Map<string, number>()
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = normaliseHeader(cell.value)
    if (header) positions.set(header, col)
  })
  const known = new Set<string>(VILLAGE_COLUMNS.map((c) => c.header))
  for (const header of positions.keys())
    if (!known.has(header))
      warnings.push(villageIssue(sheet.name, 1, header, 'UNKNOWN_COLUMN', '不是模板中的列，已忽略其内容'))
  const located = VILLAGE_COLUMNS.flatMap((column) => {
    const at = positions.get(column.header)
    return at === undefined ? [] : [{ column, at }]
  })
  for (const c of VILLAGE_COLUMNS)
    if (!positions.has(c.header))
      errors.push(villageIssue(sheet.name, 1, c.header, 'MISSING_COLUMN', '缺少这一列，请使用导入模板'))
  if (located.length < VILLAGE_COLUMNS.length) return []

  const rows: VillageSheetRow[] = []
  let skippedExample = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: VillageSheetRow['values'] = {}
    let hasContent = false
    for (const { column, at } of located) {
      const read = readCell(row.getCell(at).value, column)
      if (!read.ok) {
        hasContent = true
        errors.push(villageIssue(sheet.name, rowNumber, column.header, 'INVALID_VALUE', read.message))
      } else if (read.value !== undefined) {
        hasContent = true
        values[column.key] = String(read.value)
      }
    }
    if (!hasContent) return
    if (values.name === VILLAGE_EXAMPLE_NAME) {
      skippedExample = true
      return
    }
    rows.push({ row: rowNumber, values })
  })
  if (skippedExample)
    warnings.push(
      villageIssue(sheet.name, null, null, 'EXAMPLE_ROW_SKIPPED', `村名为「${VILLAGE_EXAMPLE_NAME}」的示例行未导入`),
    )
  return rows
}

/** The file, read: refuses what is not an .xlsx, or too long a list; row problems are collected. */
export const parseVillageFile = async (bytes: Buffer): Promise<ParsedVillages> => {
  const digest = createHash('sha256').update(bytes).digest('hex')
  // An .xlsx is a zip: PK\3\4. An old .xls is an OLE file; a .csv is text.
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new AppError('IMPORT_FILE_TYPE')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as never)
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE')
  }
  const errors: VillageImportIssue[] = []
  const warnings: VillageImportIssue[] = []
  const sheet = workbook.getWorksheet(VILLAGE_SHEET) ?? workbook.worksheets.find((s) => s.name !== VILLAGE_NOTES_SHEET)
  if (!sheet) {
    errors.push(villageIssue(VILLAGE_SHEET, null, null, 'MISSING_SHEET', '文件中没有这张工作表，请使用导入模板'))
    return { digest, sheet: VILLAGE_SHEET, rows: [], errors, warnings }
  }
  if (sheet.actualRowCount - 1 > VILLAGE_IMPORT_MAX_ROWS)
    throw new AppError('IMPORT_TOO_MANY_ROWS', {
      message: `一次最多导入 ${VILLAGE_IMPORT_MAX_ROWS} 个村，请分成几个文件导入`,
    })
  return { digest, sheet: sheet.name, rows: readRows(sheet, errors, warnings), errors, warnings }
}
