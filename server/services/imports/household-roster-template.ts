// The 困难户花名册 import template (GET /exports/household-roster-template.xlsx): the import's
// sheets with their header row and one example row (户编号「示例」, skipped on import), drop-down
// lists for the closed vocabularies, text format for ID numbers and phones (Excel would otherwise
// keep 15 digits of 18), and a 说明 sheet listing every column and its allowed values.
// Written from household-roster-columns.ts, which the parser reads by.
import type { Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import type { THouseholdRosterRequest } from '../../../common/contracts/export/household-roster'
import { loadExcelJS } from '../../lib/on-demand-libraries'
import { writeAudit } from '../audit/write-audit'
import { toCells } from '../exports/xlsx-cells'
import type { ServiceContext } from '../service-context'
import {
  EXAMPLE_CODE,
  IMPORT_MAX_ROWS,
  IMPORT_SHEETS,
  type ImportColumn,
  NOTES_SHEET,
} from './household-roster-columns'

/** Rows the drop-down lists and text formats cover. */
const FORMATTED_ROWS = IMPORT_MAX_ROWS + 1

const columnLetter = (index: number): string => {
  let n = index
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}

/** exceljs has range validations (one rule for a whole column), but its types do not declare them. */
type SheetWithValidations = ExcelJS.Worksheet & {
  dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void }
}

const TEXT_KINDS = new Set<ImportColumn['kind']>(['text', 'idNumber', 'phone', 'month'])

const addDataSheet = (workbook: ExcelJS.Workbook, name: string, columns: readonly ImportColumn[]) => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    // Text: an ID number typed into a General cell loses its last three digits.
    ...(TEXT_KINDS.has(c.kind) ? { style: { numFmt: '@' } } : {}),
  }))
  const header = sheet.addRow(toCells(columns.map((c) => c.header)))
  header.font = { bold: true }
  columns.forEach((c, i) => {
    if (c.isRequired) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } }
  })
  const example = sheet.addRow(toCells(columns.map((c) => (c.example === '' ? null : c.example))))
  example.font = { italic: true, color: { argb: 'FF808080' } }
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1)
    const list = c.kind === 'yesNo' ? ['是', '否'] : c.kind === 'enum' ? Object.values(c.labels ?? {}) : null
    if (!list) return
    ;(sheet as SheetWithValidations).dataValidations.add(`${letter}2:${letter}${FORMATTED_ROWS}`, {
      type: 'list',
      allowBlank: !c.isRequired,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从下拉列表中选择：${list.join('、')}`,
    })
  })
}

const addNotesSheet = (workbook: ExcelJS.Workbook) => {
  const sheet = workbook.addWorksheet(NOTES_SHEET)
  sheet.columns = [
    { key: 'sheet', width: 14 },
    { key: 'column', width: 22 },
    { key: 'required', width: 10 },
    { key: 'values', width: 60 },
    { key: 'note', width: 44 },
  ]
  const intro = [
    '困难户花名册导入模板：每户在「户信息」表填一行；家庭成员（户主本人也列一行，关系填 户主）在「家庭成员」表、致贫返贫风险在「致贫返贫风险」表各填一行，用户编号对应到户。',
    `户编号为「${EXAMPLE_CODE}」的灰色示例行不会导入，可以保留或删除。表头请勿修改；红色表头为必填列。`,
    `一次最多 ${IMPORT_MAX_ROWS} 行、5 MB。导入前系统会先预检，有任何错误都不会写入数据。`,
  ]
  for (const line of intro) sheet.addRow([line])
  sheet.addRow([])
  const header = sheet.addRow(['工作表', '列', '是否必填', '可填的值', '说明'])
  header.font = { bold: true }
  for (const { name, columns } of IMPORT_SHEETS) {
    for (const c of columns as readonly ImportColumn[]) {
      const values =
        c.kind === 'yesNo'
          ? '是、否'
          : c.labels
            ? Object.values(c.labels).join('、')
            : c.kind === 'yuan'
              ? '金额（元）'
              : ''
      sheet.addRow(toCells([name, c.header, c.isRequired ? '必填' : '', values, c.note]))
    }
  }
}

/** The template as a workbook (also what the tests fill in). */
export const rosterTemplateWorkbook = async () => {
  const workbook = new (await loadExcelJS()).Workbook()
  workbook.creator = '党日帮扶台账'
  for (const { name, columns } of IMPORT_SHEETS) addDataSheet(workbook, name, columns)
  addNotesSheet(workbook)
  return workbook
}

/** Writes the template into `output`, audited as the other exports, and ends it. */
export const exportRosterTemplate = async ({
  ctx,
  input,
  output,
}: {
  ctx: ServiceContext
  input: THouseholdRosterRequest
  output: Writable
}) => {
  const bytes = Buffer.from(await (await rosterTemplateWorkbook()).xlsx.writeBuffer())
  await writeAudit(ctx, {
    action: 'export.householdRosterTemplate',
    entityType: 'Export',
    entityId: 'household-roster-template',
    after: { filters: { villageId: input.villageId ?? null }, isComplete: true },
  })
  output.end(bytes)
}
