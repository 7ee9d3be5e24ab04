// The problems an import finds, as every import reports them: each at its sheet, row and column,
// written out as one line (「户信息」第5行 户编号：…); one error per cell; sorted by place; at
// most MAX_LISTED_ISSUES of each sent back, with the counts of all.
import type { ImportIssueOf } from '../../../common/contracts/import/import-report'

/** At most this many errors and warnings each are sent back; the counts say how many in all. */
export const MAX_LISTED_ISSUES = 500

export const issueAt = <Code extends string>(
  sheet: string,
  row: number | null,
  column: string | null,
  code: Code,
  message: string,
): ImportIssueOf<Code> => ({
  sheet,
  row,
  column,
  code,
  message,
  text: `「${sheet}」${row === null ? '' : `第${row}行`}${column ? ` ${column}` : ''}：${message}`,
})

type Issue = ImportIssueOf<string>

/** A sheet's issues from its first row down. */
export const byRow = (a: Issue, b: Issue) => (a.row ?? 0) - (b.row ?? 0)

const cellOf = (issue: Issue) => `${issue.sheet}\u0000${issue.row}\u0000${issue.column}`

/**
 * The check's issues, starting from those the reading found. `fail` keeps one error per cell: the
 * first says why (an unknown label already said why a field is empty).
 */
export const collectIssues = <Code extends string>(found: {
  errors: readonly ImportIssueOf<Code>[]
  warnings: readonly ImportIssueOf<Code>[]
}) => {
  const errors = [...found.errors]
  const warnings = [...found.warnings]
  const flagged = new Set(errors.map(cellOf))
  return {
    errors,
    fail: (problem: ImportIssueOf<Code>) => {
      const cell = cellOf(problem)
      if (flagged.has(cell)) return
      flagged.add(cell)
      errors.push(problem)
    },
    warn: (problem: ImportIssueOf<Code>) => {
      warnings.push(problem)
    },
    /** Both lists in order, cut to MAX_LISTED_ISSUES each, with their counts. */
    listed: (order: (a: Issue, b: Issue) => number = byRow) => {
      errors.sort(order)
      warnings.sort(order)
      return {
        errorCount: errors.length,
        warningCount: warnings.length,
        errors: errors.slice(0, MAX_LISTED_ISSUES),
        warnings: warnings.slice(0, MAX_LISTED_ISSUES),
        isTruncated: errors.length > MAX_LISTED_ISSUES || warnings.length > MAX_LISTED_ISSUES,
      }
    },
  }
}
