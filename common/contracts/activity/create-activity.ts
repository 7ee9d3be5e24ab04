import { z } from 'zod'
import { wholeRecord, ZClientMutationId } from '../fields'
import { refineAttendance, ZActivityFields } from './activity-fields'

export const ZCreateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
}).superRefine(...wholeRecord(refineAttendance))
export type TCreateActivityRequest = z.infer<typeof ZCreateActivityRequestSchema>
