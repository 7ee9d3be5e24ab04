// How every spreadsheet import reads its sheets and lists its problems
// (server/services/imports/import-workbook.ts, import-issues.ts), on workbooks made in memory.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ImportColumn } from '../../server/services/imports/household-roster-columns'
import { collectIssues, issueAt, MAX_LISTED_ISSUES } from '../../server/services/imports/import-issues'
import {
  normaliseRetypedHeader,
  openWorkbook,
  readSheet,
  type SheetLayout,
} from '../../server/services/imports/import-workbook'

const column = (key: string, header: string, isRequired: boolean): ImportColumn => ({
  key,
  header,
  kind: 'text',
  isRequired,
  example: '',
  note: '',
  width: 10,
})

const layout: SheetLayout<ImportColumn> = {
  columns: [column('name', '姓名', true), column('unit', '所在单位（部门）', false)],
  example: { key: 'name', value: '示例', label: '姓名' },
}

/** A sheet named 名单 with these rows, the first its header. */
const sheetOf = (rows: ExcelJS.CellValue[][]) => {
  const sheet = new ExcelJS.Workbook().addWorksheet('名单')
  for (const row of rows) sheet.addRow(row)
  return sheet
}

describe('reading a sheet', () => {
  it('matches headers without their required-mark and spaces; a column not in the template is a warning', () => {
    const read = readSheet(
      sheetOf([
        ['姓名*', '备 注'],
        ['马德林', '无'],
      ]),
      layout,
    )
    expect(read.rows.map((r) => r.values)).toEqual([{ name: '马德林' }])
    expect(read.errors).toEqual([])
    expect(read.warnings.map((w) => w.text)).toEqual(['「名单」第1行 备注：不是模板中的列，已忽略其内容'])
  })

  it('accepts half-width brackets only where headers are read as people retype them', () => {
    const rows = [
      ['姓名', '所在单位(部门)'],
      ['马德林', '司法局'],
    ]
    expect(readSheet(sheetOf(rows), layout).rows[0]?.values).toEqual({ name: '马德林' })
    expect(readSheet(sheetOf(rows), { ...layout, normalise: normaliseRetypedHeader }).rows[0]?.values).toEqual({
      name: '马德林',
      unit: '司法局',
    })
  })

  it('reads no rows when a required column is missing, and says which', () => {
    const read = readSheet(sheetOf([['所在单位（部门）'], ['司法局']]), layout)
    expect(read.rows).toEqual([])
    expect(read.errors.map((e) => [e.row, e.column, e.code])).toEqual([[1, '姓名', 'MISSING_COLUMN']])
  })

  it('leaves out blank rows, rows of spaces and the example row; a row whose only cell cannot be read is kept with its error', () => {
    const read = readSheet(
      sheetOf([
        ['姓名', '所在单位（部门）'],
        ['示例', '某单位'],
        [null, '   '],
        [{ richText: [{ text: '  ' }] }, null],
        [null, { formula: 'A1', result: undefined } as ExcelJS.CellFormulaValue],
        ['马德林', null],
      ]),
      layout,
    )
    expect(read.rows.map((r) => [r.row, r.values])).toEqual([
      [5, {}],
      [6, { name: '马德林' }],
    ])
    expect(read.errors.map((e) => [e.row, e.column, e.code])).toEqual([[5, '所在单位（部门）', 'INVALID_VALUE']])
    expect(read.warnings.map((w) => w.text)).toEqual(['「名单」：姓名为「示例」的示例行未导入'])
  })
})

describe('opening a file', () => {
  it('refuses what is not an .xlsx, and a zip that is not a workbook', async () => {
    await expect(openWorkbook(Buffer.from('姓名,手机号\n'))).rejects.toMatchObject({ code: 'IMPORT_FILE_TYPE' })
    const notAWorkbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])
    await expect(openWorkbook(notAWorkbook)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' })
  })

  it('names the file by the sha256 of its bytes', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('名单').addRow(['姓名'])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const { digest } = await openWorkbook(bytes)
    expect(digest).toMatch(/^[0-9a-f]{64}$/)
    expect((await openWorkbook(bytes)).digest).toBe(digest)
  })
})

describe('collecting issues', () => {
  it('keeps the first error of a cell, sorts by row, and lists at most MAX_LISTED_ISSUES with the counts of all', () => {
    const issues = collectIssues<string>({
      errors: [issueAt('名单', 3, '姓名', 'INVALID_VALUE', '请填写姓名')],
      warnings: [],
    })
    issues.fail(issueAt('名单', 3, '姓名', 'DUPLICATE_IN_FILE', '与第2行重复'))
    issues.fail(issueAt('名单', 2, '姓名', 'INVALID_VALUE', '姓名不能超过 30 个字'))
    for (let row = 10; row < 10 + MAX_LISTED_ISSUES; row += 1) issues.warn(issueAt('名单', row, null, 'NOTE', '…'))
    const listed = issues.listed()
    expect(listed.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'INVALID_VALUE'],
      [3, 'INVALID_VALUE'],
    ])
    expect(listed).toMatchObject({ errorCount: 2, warningCount: MAX_LISTED_ISSUES, isTruncated: false })
    issues.warn(issueAt('名单', 1, null, 'NOTE', '…'))
    const cut = issues.listed()
    expect(cut.warnings).toHaveLength(MAX_LISTED_ISSUES)
    expect(cut.warnings[0]?.row).toBe(1)
    expect(cut).toMatchObject({ warningCount: MAX_LISTED_ISSUES + 1, isTruncated: true })
  })
})
