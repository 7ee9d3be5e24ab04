import { z } from 'zod'
import { REFUSE_UNKNOWN_FILTERS } from '../export/export-query'
import { importQuerySchema } from '../import/import-query'

/**
 * The query string of POST /imports/villages: the mode, and for a commit the digest the dry run
 * answered and the retry key. Unknown parameters are refused, as the roster import's are.
 */
export const ZVillageImportRequestSchema = importQuerySchema({})
export type TVillageImportRequest = z.infer<typeof ZVillageImportRequestSchema>

/** GET /exports/village-import-template.xlsx takes no parameters. */
export const ZVillageImportTemplateRequestSchema = z.strictObject({}, REFUSE_UNKNOWN_FILTERS)
export type TVillageImportTemplateRequest = z.infer<typeof ZVillageImportTemplateRequestSchema>

export type VillageImportIssueCode =
  | 'MISSING_SHEET'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'INVALID_VALUE'
  | 'EXAMPLE_ROW_SKIPPED'
  | 'NO_VILLAGES'
  /** The same 行政区划代码 on an earlier row. */
  | 'DUPLICATE_IN_FILE'
  /** The code is the ledger's village of another name. */
  | 'CODE_TAKEN'
  /** The code is the ledger's village of the same name: the row is skipped (a warning). */
  | 'ALREADY_PRESENT'
  /** The county or township name disagrees with the villages sharing the code's first 6 or 9 digits. */
  | 'CODE_MISMATCH'
  /** Another village of that name in the same township, under another code (a warning). */
  | 'SAME_NAME'

/** One problem, where a person finds it: sheet, Excel row number, column header. */
export type VillageImportIssue = {
  sheet: string
  row: number | null
  column: string | null
  code: VillageImportIssueCode
  message: string
  /** `「村名单」第12行 行政区划代码：与第5行重复（行政区划代码）` */
  text: string
}

/** A dry run's answer: what the file holds and every problem found in it. */
export type VillageImportCheck = {
  digest: string
  /** rows: villages in the file; toCreate: new ones; alreadyPresent: in the ledger already, skipped. */
  counts: { rows: number; toCreate: number; alreadyPresent: number }
  errorCount: number
  warningCount: number
  errors: VillageImportIssue[]
  warnings: VillageImportIssue[]
  isTruncated: boolean
}
