import { z } from 'zod'
import { nameText, whenMissing, ZDateOnly, ZMobilePhone } from '../fields'

export const ZDisplayName = nameText('请填写姓名').min(2, '请填写姓名（至少 2 个字）').max(30, '姓名不能超过 30 个字')

/** Roles an account can hold in an org (村民 comes from binding a household, not from here). */
export const ORG_ROLES = ['ADMIN', 'SECRETARY', 'CADRE', 'MEMBER'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

export const ZRoleInput = z.object({
  orgId: z.uuid(whenMissing('请选择所在组织')),
  role: z.enum(ORG_ROLES, whenMissing('请选择角色')),
  /** 职务, e.g. 支部书记, 组织委员, 党员 */
  title: z
    .string()
    .trim()
    .max(30, '职务不能超过 30 个字')
    .transform((v) => v || null)
    .nullish(),
  startedOn: ZDateOnly.optional(),
})
export type TRoleInput = z.infer<typeof ZRoleInput>

export const ZPostInput = z
  .object({
    villageId: z.uuid(whenMissing('请选择驻村的村')),
    /** 岗位, e.g. 第一书记, 驻村工作队员, 村党支部书记 */
    post: z.string(whenMissing('请填写岗位')).trim().min(2, '请填写岗位，如 第一书记').max(30, '岗位不能超过 30 个字'),
    startedOn: ZDateOnly.optional(),
    /** The end of the term, when known (驻村 terms are often two years). */
    endedOn: ZDateOnly.optional(),
  })
  .refine((p) => !p.startedOn || !p.endedOn || p.startedOn < p.endedOn, {
    path: ['endedOn'],
    message: '结束日期须晚于开始日期',
  })
export type TPostInput = z.infer<typeof ZPostInput>

export { ZMobilePhone }
