// The village list import template (GET /exports/village-import-template.xlsx): the 村名单 sheet
// with its header row and one example row (村名「示例」, skipped on import), every column formatted
// as text (a 12-digit code typed into a General cell would show as 6.30121E+11), and a 说明 sheet.
// Written from village-import-columns.ts, which the parser reads by.
import type { Writable } from 'node:stream'
import type { TVillageImportTemplateRequest } from '../../../common/contracts/village/village-import'
import { loadExcelJS } from '../../lib/on-demand-libraries'
import { writeAudit } from '../audit/write-audit'
import { toCells } from '../exports/xlsx-cells'
import type { ServiceContext } from '../service-context'
import {
  VILLAGE_COLUMNS,
  VILLAGE_EXAMPLE_NAME,
  VILLAGE_IMPORT_MAX_ROWS,
  VILLAGE_NOTES_SHEET,
  VILLAGE_SHEET,
} from './village-import-columns'

/** The template as a workbook (also what the tests fill in). */
export const villageTemplateWorkbook = async () => {
  const workbook = new (await loadExcelJS()).Workbook()
  workbook.creator = '党日帮扶台账'
  const sheet = workbook.addWorksheet(VILLAGE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = VILLAGE_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: { numFmt: '@' } }))
  const header = sheet.addRow(toCells(VILLAGE_COLUMNS.map((c) => c.header)))
  header.font = { bold: true, color: { argb: 'FFC00000' } }
  const example = sheet.addRow(toCells(VILLAGE_COLUMNS.map((c) => String(c.example))))
  example.font = { italic: true, color: { argb: 'FF808080' } }

  const notes = workbook.addWorksheet(VILLAGE_NOTES_SHEET)
  notes.columns = [
    { key: 'column', width: 16 },
    { key: 'required', width: 10 },
    { key: 'note', width: 90 },
  ]
  for (const line of [
    '村名单导入模板：每个村填一行，四列都必填。',
    `村名为「${VILLAGE_EXAMPLE_NAME}」的灰色示例行不会导入，可以保留或删除。表头请勿修改。`,
    '行政区划代码已在台账中的村：村名相同的跳过（视为已有），村名不同的报错，请核对。',
    `一次最多 ${VILLAGE_IMPORT_MAX_ROWS} 行、5 MB。导入前系统会先预检，有任何错误都不会写入数据。`,
  ])
    notes.addRow([line])
  notes.addRow([])
  notes.addRow(['列', '是否必填', '说明']).font = { bold: true }
  for (const c of VILLAGE_COLUMNS) notes.addRow(toCells([c.header, '必填', c.note]))
  return workbook
}

/** Writes the template into `output`, audited as the other exports, and ends it. */
export const exportVillageTemplate = async ({
  ctx,
  output,
}: {
  ctx: ServiceContext
  input: TVillageImportTemplateRequest
  output: Writable
}) => {
  const bytes = Buffer.from(await (await villageTemplateWorkbook()).xlsx.writeBuffer())
  await writeAudit(ctx, {
    action: 'export.villageImportTemplate',
    entityType: 'Export',
    entityId: 'village-import-template',
    after: { isComplete: true },
  })
  output.end(bytes)
}
