import { z } from 'zod'
import { nameText, ZPage } from '../fields'

/**
 * The household picker's search (household.search): part of a 户主 name, of a 户编号 or of a
 * 所在组, or a full ID number (through the blind index), within one village or the caller's whole
 * scope; a page at a time, in 户编号 order.
 */
export const ZSearchHouseholdsRequestSchema = ZPage.extend({
  villageId: z.uuid().optional(),
  search: nameText().max(30, '搜索内容不能超过 30 个字').optional(),
  limit: z.number().int().min(1).max(50).default(20),
})
export type TSearchHouseholdsRequest = z.infer<typeof ZSearchHouseholdsRequestSchema>
