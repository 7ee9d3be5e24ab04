import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { refineAttendance, ZActivityFields } from './activity-fields'

export const ZUpdateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
}).superRefine(refineAttendance)
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequestSchema>
