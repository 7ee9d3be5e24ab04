import { z } from 'zod'
import { nameText, ZPage } from '../fields'

/**
 * One level of the org tree, for 管理 → 组织: the children of `parentId` (null or omitted: the
 * top of the caller's tree), or, with `search`, the orgs whose name contains it anywhere in the
 * caller's tree. Paged.
 */
export const ZListOrgTreeRequestSchema = ZPage.extend({
  parentId: z.uuid().nullish(),
  search: nameText().max(30, '搜索内容不能超过 30 个字').optional(),
  includeClosed: z.boolean().default(false),
})
export type TListOrgTreeRequest = z.infer<typeof ZListOrgTreeRequestSchema>
