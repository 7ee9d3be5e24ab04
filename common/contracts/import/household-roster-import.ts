import { z } from 'zod'
import { whenMissing } from '../fields'
import type { DataCheckCode } from '../household/list-data-checks'
import { importQuerySchema } from './import-query'

/**
 * The query string of POST /imports/household-roster: ids and a digest, no personal data (that
 * is in the uploaded file). Unknown parameters are refused, as the exports' filters are.
 */
export const ZRosterImportRequestSchema = importQuerySchema({ villageId: z.uuid(whenMissing('请选择要导入到的村')) })
export type TRosterImportRequest = z.infer<typeof ZRosterImportRequestSchema>

export type ImportIssueCode =
  | 'INVALID_VALUE'
  | 'UNKNOWN_VALUE'
  | 'MISSING_SHEET'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_HOUSEHOLD'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_EXISTING'
  | 'NO_HOUSEHOLDS'
  | 'EXAMPLE_ROW_SKIPPED'
  | 'UNKNOWN_COLUMN'
  | DataCheckCode

/** One problem, where a person finds it: sheet, Excel row number, column header. */
export type ImportIssue = {
  sheet: string
  row: number | null
  column: string | null
  code: ImportIssueCode
  message: string
  /** `「家庭成员」第12行 身份证号码：身份证号码校验位不正确，请核对` */
  text: string
}

/** A dry run's answer: what the file holds and every problem found in it. */
export type RosterCheck = {
  digest: string
  counts: { households: number; members: number; risks: number }
  errorCount: number
  warningCount: number
  errors: ImportIssue[]
  warnings: ImportIssue[]
  isTruncated: boolean
}
