import { z } from 'zod'
import { nameText, ZPage } from '../fields'
import { ORG_ROLES } from './user-fields'

/**
 * 管理 → 人员: accounts, by the start of a name or a phone number, within one org (its subtree
 * too) or role, active or deactivated. A secretary sees the accounts with a role in his subtree.
 */
export const ZListUsersRequestSchema = ZPage.extend({
  search: nameText().max(30, '搜索内容不能超过 30 个字').optional(),
  orgId: z.uuid().optional(),
  role: z.enum(ORG_ROLES).optional(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'ALL']).default('ACTIVE'),
})
export type TListUsersRequest = z.infer<typeof ZListUsersRequestSchema>
