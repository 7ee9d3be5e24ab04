import { z } from 'zod'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../enums'
import { ZMonth, ZPage } from '../fields'

export const ZListActivitiesRequestSchema = ZPage.extend({
  /** YYYY-MM */
  month: ZMonth.optional(),
  /** Organised by, or taking part. */
  orgId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
})
export type TListActivitiesRequest = z.infer<typeof ZListActivitiesRequestSchema>
