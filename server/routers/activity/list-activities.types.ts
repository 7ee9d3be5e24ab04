import { z } from 'zod'
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../../common/enums'
import { ZPage } from '../../../common/fields'

export const ZListActivitiesRequestSchema = ZPage.extend({
  /** YYYY-MM */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
  /** Organised by, or taking part. */
  orgId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
})
export type TListActivitiesRequest = z.infer<typeof ZListActivitiesRequestSchema>
