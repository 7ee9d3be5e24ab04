// Reading an uploaded village list: the 村名单 sheet (or, in a file of one's own, its first sheet
// but 说明), read as every import reads its sheets (import-workbook.ts), its headers as people
// retype them. Field rules are checked afterwards (village-import-check.ts).
import type { VillageImportIssue } from '../../../common/contracts/village/village-import'
import { AppError } from '../../errors'
import { issueAt } from './import-issues'
import { normaliseRetypedHeader, openWorkbook, readSheet, type SheetRow } from './import-workbook'
import {
  VILLAGE_COLUMNS,
  VILLAGE_EXAMPLE_NAME,
  VILLAGE_IMPORT_MAX_ROWS,
  VILLAGE_NOTES_SHEET,
  VILLAGE_SHEET,
  type VillageColumnKey,
} from './village-import-columns'

export type ParsedVillages = {
  /** sha256 of the file's bytes, hex: what the commit must quote. */
  digest: string
  sheet: string
  rows: SheetRow<VillageColumnKey>[]
  errors: VillageImportIssue[]
  warnings: VillageImportIssue[]
}

/** The file, read: refuses what is not an .xlsx, or too long a list; row problems are collected. */
export const parseVillageFile = async (bytes: Buffer): Promise<ParsedVillages> => {
  const { digest, workbook } = await openWorkbook(bytes)
  const sheet = workbook.getWorksheet(VILLAGE_SHEET) ?? workbook.worksheets.find((s) => s.name !== VILLAGE_NOTES_SHEET)
  if (!sheet) {
    const missing = issueAt(VILLAGE_SHEET, null, null, 'MISSING_SHEET', '文件中没有这张工作表，请使用导入模板')
    return { digest, sheet: VILLAGE_SHEET, rows: [], errors: [missing], warnings: [] }
  }
  if (sheet.actualRowCount - 1 > VILLAGE_IMPORT_MAX_ROWS)
    throw new AppError('IMPORT_TOO_MANY_ROWS', {
      message: `一次最多导入 ${VILLAGE_IMPORT_MAX_ROWS} 个村，请分成几个文件导入`,
    })
  const read = readSheet(sheet, {
    columns: VILLAGE_COLUMNS,
    example: { key: 'name', value: VILLAGE_EXAMPLE_NAME, label: '村名' },
    normalise: normaliseRetypedHeader,
  })
  return { digest, sheet: sheet.name, ...read }
}
