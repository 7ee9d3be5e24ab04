import type { z } from 'zod'
import type { ImportIssue } from './household-roster-import'
import { importQuerySchema } from './import-query'

/**
 * The query string of POST /imports/member-roster (党员花名册): the mode, and for a commit the
 * digest the dry run answered and the retry key. Unknown parameters are refused.
 */
export const ZMemberRosterImportRequestSchema = importQuerySchema({})
export type TMemberRosterImportRequest = z.infer<typeof ZMemberRosterImportRequestSchema>

export type MemberImportIssueCode =
  | 'INVALID_VALUE'
  | 'MISSING_SHEET'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'EXAMPLE_ROW_SKIPPED'
  | 'NO_MEMBERS'
  | 'DUPLICATE_IN_FILE'
  /** The phone is another person's account (another name). */
  | 'PHONE_TAKEN'
  | 'ACCOUNT_INACTIVE'
  | 'UNKNOWN_ORG'
  | 'AMBIGUOUS_ORG'
  | 'ORG_CLOSED'
  /** Warnings: an account with this phone and name exists, and gets the 党员 role / has it already. */
  | 'EXISTING_ACCOUNT'
  | 'ALREADY_MEMBER'

/** One problem, where a person finds it: sheet, Excel row number, column header. */
export type MemberImportIssue = Omit<ImportIssue, 'code'> & { code: MemberImportIssueCode }

/** What the file's rows come to. */
export type MemberRosterCounts = {
  rows: number
  /** New accounts, each with a one-time password. */
  newAccounts: number
  /** Existing accounts (same phone and name) that get the 党员 role in the org. */
  rolesAdded: number
  /** Existing accounts that are 党员 of the org already. */
  unchanged: number
}

/** A dry run's answer. */
export type MemberRosterCheck = {
  mode: 'dry-run'
  digest: string
  counts: MemberRosterCounts
  errorCount: number
  warningCount: number
  errors: MemberImportIssue[]
  warnings: MemberImportIssue[]
  isTruncated: boolean
  canCommit: boolean
}

/** A commit's answer: the new accounts' one-time passwords, given this once, for the secretary to hand out. */
export type MemberRosterCommit = {
  mode: 'commit'
  digest: string
  counts: MemberRosterCounts
  created: {
    row: number
    userId: string
    displayName: string
    phone: string
    orgName: string
    oneTimePassword: string
  }[]
  rolesAdded: { row: number; userId: string; displayName: string; orgName: string }[]
  warningCount: number
  warnings: MemberImportIssue[]
}
