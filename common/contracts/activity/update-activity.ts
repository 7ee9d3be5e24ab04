import { z } from 'zod'
import { wholeRecord, ZClientMutationId, ZVersion } from '../fields'
import { refineAttendance, ZActivityFields } from './activity-fields'

export const ZUpdateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
}).superRefine(...wholeRecord(refineAttendance))
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequestSchema>
