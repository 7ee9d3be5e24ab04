import { z } from 'zod'
import { HANDOVER_STATES } from '../../enums'
import { ZPage } from '../fields'

export const ZListHandoversRequestSchema = ZPage.extend({
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  state: z.enum(HANDOVER_STATES).optional(),
  includeVoided: z.boolean().default(false),
})
export type TListHandoversRequest = z.infer<typeof ZListHandoversRequestSchema>
