import { z } from 'zod'
import { whenMissing } from '../fields'
import type { DataCheckCode } from '../household/list-data-checks'

/**
 * The query string of POST /imports/household-roster: ids and a digest, no personal data (that
 * is in the uploaded file). Unknown parameters are refused, as the exports' filters are.
 */
export const ZRosterImportRequestSchema = z
  .strictObject(
    {
      mode: z.enum(
        ['dry-run', 'commit'],
        whenMissing(
          '缺少导入方式：dry-run（预检）或 commit（确认导入）',
          '导入方式应为 dry-run（预检）或 commit（确认导入）',
        ),
      ),
      villageId: z.uuid(whenMissing('请选择要导入到的村')),
      /** The sha256 the dry run answered: the commit must be of the very file that was checked. */
      digest: z
        .string()
        .regex(/^[0-9a-f]{64}$/i, '文件摘要格式不正确，请重新预检')
        .transform((v) => v.toLowerCase())
        .optional(),
      /** The retry key, as every mutation's (server/services/idempotency.ts). */
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
