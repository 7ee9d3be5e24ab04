import { z } from 'zod'
import { whenMissing } from '../fields'

/** What every import's query holds, whatever it adds. */
export type ImportModeFields = {
  mode: 'dry-run' | 'commit'
  digest?: string | undefined
  clientMutationId?: string | undefined
}

/**
 * The query string every spreadsheet import takes: the mode, and for a commit the digest the dry
 * run answered and the retry key. `extra` adds an import's own fields (the roster's village).
 * Unknown parameters are refused, as the exports' filters are.
 */
export function importQuerySchema<Extra extends z.ZodRawShape>(extra: Extra) {
  return z
    .strictObject(
      {
        mode: z.enum(
          ['dry-run', 'commit'],
          whenMissing(
            '缺少导入方式：dry-run（预检）或 commit（确认导入）',
            '导入方式应为 dry-run（预检）或 commit（确认导入）',
          ),
        ),
        ...extra,
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
    .superRefine((value, ctx) => {
      // The generic shape hides the base fields from the checker; they are there, as declared above.
      const q = value as unknown as ImportModeFields
      if (q.mode !== 'commit') return
      if (!q.digest) ctx.addIssue({ code: 'custom', path: ['digest'], message: '确认导入时须附上预检得到的文件摘要' })
      if (!q.clientMutationId)
        ctx.addIssue({ code: 'custom', path: ['clientMutationId'], message: '确认导入时须附上提交编号' })
    })
}
