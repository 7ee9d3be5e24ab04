// What every spreadsheet import answers (困难户花名册, 党员花名册, 村名单): each problem where a
// person finds it, and a dry run's or a failed commit's report of them. Each import names its own
// codes and counts.

/** What reading any import's sheets can find: a sheet or column missing, a column not in the template, a cell that cannot be read, the template's example row. */
export type SheetIssueCode =
  | 'MISSING_SHEET'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'INVALID_VALUE'
  | 'UNKNOWN_VALUE'
  | 'EXAMPLE_ROW_SKIPPED'

/** One problem, where a person finds it: sheet, Excel row number, column header. */
export type ImportIssueOf<Code extends string> = {
  sheet: string
  row: number | null
  column: string | null
  code: Code
  message: string
  /** `「家庭成员」第12行 身份证号码：身份证号码校验位不正确，请核对` */
  text: string
}

/** A check's answer: what the file holds and every problem found in it (at most 500 of each listed). */
export type ImportReport<Counts, Code extends string> = {
  digest: string
  counts: Counts
  errorCount: number
  warningCount: number
  errors: ImportIssueOf<Code>[]
  warnings: ImportIssueOf<Code>[]
  isTruncated: boolean
}

/** A dry run's answer: the report, and whether the file may be committed as it is. */
export type DryRunOf<Report> = Report & { mode: 'dry-run'; canCommit: boolean }

/** What a commit answers besides what it wrote: the file, its counts, and the warnings it was committed with. */
export type CommitOf<Counts, Code extends string> = {
  mode: 'commit'
  digest: string
  counts: Counts
  warningCount: number
  warnings: ImportIssueOf<Code>[]
}
