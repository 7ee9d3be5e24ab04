import { z } from 'zod'
import { whenMissing } from '../fields'
import type { ImportIssue } from './household-roster-import'

/**
 * The query string of POST /imports/member-roster (党员花名册): the mode, and for a commit the
 * digest the dry run answered and the retry key. Unknown parameters are refused.
 */
export const ZMemberRosterImportRequestSchema = z
  .strictObject(
    {
      mode: z.enum(
        ['dry-run', 'commit'],
        whenMissing('请指明导入方式', '导入方式应为 dry-run（预检）或 commit（确认导入）'),
      ),
      /** The sha256 the dry run answered: the commit must be of the very file that was checked. */
      digest: z
        .string()
        .regex(/^[0-9a-f]{64}$/i, '文件摘要格式不正确，请重新预检')
        .transform((v) => v.toLowerCase())
        .optional(),
      clientMutationId: z.uuid('提交编号格式不正确').optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的参数：${issue.keys.join('、')}` : undefined) },
  )
  .superRefine((q, ctx) => {
    if (q.mode !== 'commit') return
    if (!q.digest) ctx.addIssue({ code: 'custom', path: ['digest'], message: '确认导入时须附上预检得到的文件摘要' })
    if (!q.clientMutationId)
      ctx.addIssue({ code: 'custom', path: ['clientMutationId'], message: '确认导入时须附上提交编号' })
  })
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
