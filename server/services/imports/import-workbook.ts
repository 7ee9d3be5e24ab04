// Reading an uploaded import file, as every import reads it: an .xlsx or nothing, named by its
// digest; each sheet's header row matched to the template's columns (a column not in the template
// is a warning, a required one missing an error); each row below read cell by cell for its column
// (household-roster-cells.ts), a cell that cannot be read an error at its place; blank rows and
// the template's example row left out.
import { createHash } from 'node:crypto'
import type ExcelJS from 'exceljs'
import type { ImportIssueOf, SheetIssueCode } from '../../../common/contracts/import/import-report'
import { AppError } from '../../errors'
import { loadExcelJS } from '../../lib/on-demand-libraries'
import { type CellValue, readCell } from './household-roster-cells'
import type { ImportColumn } from './household-roster-columns'
import { issueAt } from './import-issues'

/** The file, opened: refuses what is not an .xlsx. `digest` (sha256, hex) is what a commit must quote. */
export const openWorkbook = async (bytes: Buffer) => {
  const digest = createHash('sha256').update(bytes).digest('hex')
  // An .xlsx is a zip: PK\3\4. An old .xls is an OLE file; a .csv is text.
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) throw new AppError('IMPORT_FILE_TYPE')
  const workbook = new (await loadExcelJS()).Workbook()
  try {
    await workbook.xlsx.load(bytes as never)
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE')
  }
  return { digest, workbook }
}

/** A header as the template writes it: without the required-mark and spaces. */
export const normaliseHeader = (value: ExcelJS.CellValue) => String(value ?? '').replace(/[*＊\s]/g, '')

/** Headers as people retype them, half-width brackets too. */
export const normaliseRetypedHeader = (value: ExcelJS.CellValue) =>
  normaliseHeader(value).replace(/\(/g, '（').replace(/\)/g, '）')

const textOfCell = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((p) => p.text).join('')
    if ('result' in value) return String(value.result ?? '')
    if ('text' in value) return String(value.text)
  }
  return String(value instanceof Date ? value.toISOString().slice(0, 10) : value).trim()
}

export type SheetRow<K extends string> = {
  row: number
  /** Each cell read for its column. */
  values: Partial<Record<K, CellValue>>
  /** Each cell's text as shown. */
  raw: Partial<Record<K, string>>
}

export type SheetLayout<C extends ImportColumn> = {
  columns: readonly C[]
  /** The template's example row, left out with a warning: its value in this column, and the column's name. */
  example: { key: C['key']; value: string; label: string }
  normalise?: (value: ExcelJS.CellValue) => string
}

export type SheetRead<K extends string> = {
  rows: SheetRow<K>[]
  errors: ImportIssueOf<SheetIssueCode>[]
  warnings: ImportIssueOf<SheetIssueCode>[]
}

/** Where each of the template's columns stands, by the header row; null when a required one is missing. */
const locateColumns = <C extends ImportColumn>(
  sheet: ExcelJS.Worksheet,
  { columns, normalise = normaliseHeader }: SheetLayout<C>,
  { errors, warnings }: SheetRead<C['key']>,
) => {
  const positions = new Map<string, number>()
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = normalise(cell.value)
    if (header) positions.set(header, col)
  })
  const known = new Set(columns.map((c) => c.header))
  for (const header of positions.keys())
    if (!known.has(header))
      warnings.push(issueAt(sheet.name, 1, header, 'UNKNOWN_COLUMN', '不是模板中的列，已忽略其内容'))
  const missing = columns.filter((c) => c.isRequired && !positions.has(c.header))
  for (const c of missing) errors.push(issueAt(sheet.name, 1, c.header, 'MISSING_COLUMN', '缺少这一列，请使用导入模板'))
  if (missing.length) return null
  return columns.flatMap((column) => {
    const at = positions.get(column.header)
    return at === undefined ? [] : [{ column, at }]
  })
}

/** The sheet's rows below its header, read by the layout's columns; no rows when a required column is missing. */
export const readSheet = <C extends ImportColumn>(sheet: ExcelJS.Worksheet, layout: SheetLayout<C>) => {
  type K = C['key']
  const read: SheetRead<K> = { rows: [], errors: [], warnings: [] }
  const located = locateColumns(sheet, layout, read)
  if (!located) return read
  let skippedExample = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: SheetRow<K>['values'] = {}
    const raw: SheetRow<K>['raw'] = {}
    // A row counts when a cell holds something, readable or not.
    let hasContent = false
    for (const { column, at } of located) {
      const cellValue = row.getCell(at).value
      raw[column.key as K] = textOfCell(cellValue)
      const cell = readCell(cellValue, column)
      if (!cell.ok) read.errors.push(issueAt(sheet.name, rowNumber, column.header, cell.code, cell.message))
      else if (cell.value !== undefined) values[column.key as K] = cell.value
      hasContent ||= !cell.ok || cell.value !== undefined
    }
    if (!hasContent) return
    if (values[layout.example.key] === layout.example.value) {
      skippedExample = true
      return
    }
    read.rows.push({ row: rowNumber, values, raw })
  })
  const { label, value } = layout.example
  if (skippedExample)
    read.warnings.push(issueAt(sheet.name, null, null, 'EXAMPLE_ROW_SKIPPED', `${label}为「${value}」的示例行未导入`))
  return read
}
