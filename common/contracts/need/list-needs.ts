import { z } from 'zod'
import { NEED_CATEGORIES, NEED_STATUSES } from '../../enums'
import { ZPage } from '../fields'

export const ZListNeedsRequestSchema = ZPage.extend({
  villageId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  statuses: z.array(z.enum(NEED_STATUSES)).max(7).optional(),
  category: z.enum(NEED_CATEGORIES).optional(),
  /** Only needs still waiting on someone. */
  isOpen: z.boolean().optional(),
  /** Only open needs past their due date. */
  isOverdue: z.boolean().optional(),
  /** "due": soonest due first, so overdue needs lead (the board); "recent": newest first. */
  sort: z.enum(['due', 'recent']).default('due'),
})
export type TListNeedsRequest = z.infer<typeof ZListNeedsRequestSchema>
