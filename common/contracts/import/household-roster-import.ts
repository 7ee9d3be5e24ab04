import { z } from 'zod'
import { whenMissing } from '../fields'
import type { DataCheckCode } from '../household/list-data-checks'
import { importQuerySchema } from './import-query'
import type { ImportIssueOf, ImportReport, SheetIssueCode } from './import-report'

/**
 * The query string of POST /imports/household-roster: ids and a digest, no personal data (that
 * is in the uploaded file). Unknown parameters are refused, as the exports' filters are.
 */
export const ZRosterImportRequestSchema = importQuerySchema({ villageId: z.uuid(whenMissing('请选择要导入到的村')) })
export type TRosterImportRequest = z.infer<typeof ZRosterImportRequestSchema>

export type ImportIssueCode =
  | SheetIssueCode
  | 'UNKNOWN_HOUSEHOLD'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_EXISTING'
  | 'NO_HOUSEHOLDS'
  | DataCheckCode

/** One problem, where a person finds it: sheet, Excel row number, column header. */
export type ImportIssue = ImportIssueOf<ImportIssueCode>

/** A dry run's answer: what the file holds and every problem found in it. */
export type RosterCheck = ImportReport<{ households: number; members: number; risks: number }, ImportIssueCode>
