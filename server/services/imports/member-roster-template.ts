// The 党员花名册 import template (GET /exports/member-roster-template.xlsx): the sheet with its
// header row and one example row (姓名「示例」, skipped on import), the phone column as text, and a
// 说明 sheet. Written from member-roster-columns.ts, which the parser reads by.
import { loadExcelJS } from '../../lib/on-demand-libraries'
import { writeAudit } from '../audit/write-audit'
import { toCells } from '../exports/xlsx-cells'
import type { ServiceContext } from '../service-context'
import { IMPORT_MAX_ROWS } from './household-roster-columns'
import { EXAMPLE_NAME, MEMBER_COLUMNS, MEMBER_NOTES_SHEET, MEMBER_SHEET } from './member-roster-columns'

export const memberTemplateWorkbook = async () => {
  const workbook = new (await loadExcelJS()).Workbook()
  workbook.creator = '党日帮扶台账'
  const sheet = workbook.addWorksheet(MEMBER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  // Text: a phone typed into a General cell becomes a number (and may show as 1.39E+10).
  sheet.columns = MEMBER_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    ...(c.kind === 'phone' ? { style: { numFmt: '@' } } : {}),
  }))
  const header = sheet.addRow(toCells(MEMBER_COLUMNS.map((c) => c.header)))
  header.font = { bold: true }
  MEMBER_COLUMNS.forEach((c, i) => {
    if (c.isRequired) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } }
  })
  const example = sheet.addRow(toCells(MEMBER_COLUMNS.map((c) => String(c.example))))
  example.font = { italic: true, color: { argb: 'FF808080' } }

  const notes = workbook.addWorksheet(MEMBER_NOTES_SHEET)
  notes.columns = [
    { key: 'column', width: 14 },
    { key: 'required', width: 10 },
    { key: 'note', width: 60 },
  ]
  for (const line of [
    '党员花名册导入模板：每位党员在「党员花名册」表填一行。',
    `姓名为「${EXAMPLE_NAME}」的灰色示例行不会导入，可以保留或删除。表头请勿修改；红色表头为必填列。`,
    '手机号已有账号且姓名一致的，为其添加所在党组织的党员身份；没有账号的，新建账号并生成一次性密码，导入后显示一次，请转交本人，首次登录须修改。',
    `一次最多 ${IMPORT_MAX_ROWS} 行、5 MB。导入前系统会先预检，有任何错误都不会写入数据。`,
  ])
    notes.addRow([line])
  notes.addRow([])
  const head = notes.addRow(['列', '是否必填', '说明'])
  head.font = { bold: true }
  for (const c of MEMBER_COLUMNS) notes.addRow(toCells([c.header, c.isRequired ? '必填' : '', c.note]))
  return workbook
}

/** The template's bytes, its download audited as the other downloads'. */
export const memberTemplateFile = async ({ ctx }: { ctx: ServiceContext }): Promise<Buffer> => {
  const bytes = Buffer.from(await (await memberTemplateWorkbook()).xlsx.writeBuffer())
  await writeAudit(ctx, {
    action: 'export.memberRosterTemplate',
    entityType: 'Export',
    entityId: 'member-roster-template',
    after: { isComplete: true },
  })
  return bytes
}
