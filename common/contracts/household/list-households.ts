import { z } from 'zod'
import { HOUSEHOLD_CATEGORIES, RISK_CODES } from '../../enums'
import { nameText, ZPage } from '../fields'

export const ZListHouseholdsRequestSchema = ZPage.extend({
  villageId: z.uuid().optional(),
  /** 户主姓名, 户编号 or 所在组 (contains), or a full ID number (exact, through the blind index). */
  search: nameText().max(30, '搜索内容不能超过 30 个字').optional(),
  category: z.enum(HOUSEHOLD_CATEGORIES).optional(),
  /** Households with this risk, not yet eliminated. */
  risk: z.enum(RISK_CODES).optional(),
  hasOpenNeeds: z.boolean().optional(),
})
export type TListHouseholdsRequest = z.infer<typeof ZListHouseholdsRequestSchema>
