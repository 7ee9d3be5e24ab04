import { z } from 'zod'
import { ZPage } from '../fields'

export const ZListVisitsRequestSchema = ZPage.extend({
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  householdId: z.uuid().optional(),
})
export type TListVisitsRequest = z.infer<typeof ZListVisitsRequestSchema>
