import { z } from 'zod'
import { DONATION_KINDS } from '../../enums'
import { ZDateOnly, ZPage } from '../fields'

export const ZListDonationsRequestSchema = ZPage.extend({
  activityId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  donorOrgId: z.uuid().optional(),
  kind: z.enum(DONATION_KINDS).optional(),
  from: ZDateOnly.optional(),
  to: ZDateOnly.optional(),
  includeVoided: z.boolean().default(false),
})
export type TListDonationsRequest = z.infer<typeof ZListDonationsRequestSchema>
