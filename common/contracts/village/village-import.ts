import { z } from 'zod'
import { REFUSE_UNKNOWN_FILTERS } from '../export/export-query'
import { importQuerySchema } from '../import/import-query'
import type { ImportIssueOf, ImportReport, SheetIssueCode } from '../import/import-report'

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
  | SheetIssueCode
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

/** One problem, where a person finds it: `「村名单」第12行 行政区划代码：与第5行重复（行政区划代码）` */
export type VillageImportIssue = ImportIssueOf<VillageImportIssueCode>

/**
 * A dry run's answer: what the file holds and every problem found in it. rows: villages in the
 * file; toCreate: new ones; alreadyPresent: in the ledger already, skipped.
 */
export type VillageImportCheck = ImportReport<
  { rows: number; toCreate: number; alreadyPresent: number },
  VillageImportIssueCode
>
