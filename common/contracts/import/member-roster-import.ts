import type { z } from 'zod'
import { importQuerySchema } from './import-query'
import type { CommitOf, DryRunOf, ImportIssueOf, ImportReport, SheetIssueCode } from './import-report'

/**
 * The query string of POST /imports/member-roster (党员花名册): the mode, and for a commit the
 * digest the dry run answered and the retry key. Unknown parameters are refused.
 */
export const ZMemberRosterImportRequestSchema = importQuerySchema({})
export type TMemberRosterImportRequest = z.infer<typeof ZMemberRosterImportRequestSchema>

export type MemberImportIssueCode =
  | SheetIssueCode
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
export type MemberImportIssue = ImportIssueOf<MemberImportIssueCode>

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

/** The report of a dry run, and of a commit that found errors. */
export type MemberRosterReport = ImportReport<MemberRosterCounts, MemberImportIssueCode>

/** A dry run's answer. */
export type MemberRosterCheck = DryRunOf<MemberRosterReport>

/** A commit's answer: the new accounts' one-time passwords, given this once, for the secretary to hand out. */
export type MemberRosterCommit = CommitOf<MemberRosterCounts, MemberImportIssueCode> & {
  created: {
    row: number
    userId: string
    displayName: string
    phone: string
    orgName: string
    oneTimePassword: string
  }[]
  rolesAdded: { row: number; userId: string; displayName: string; orgName: string }[]
}
