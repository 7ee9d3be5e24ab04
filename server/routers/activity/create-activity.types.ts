import { z } from 'zod'
import { ZClientMutationId } from '../../../common/fields'
import { refineAttendance, ZActivityFields } from './activity.types'

export const ZCreateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
}).superRefine(refineAttendance)
export type TCreateActivityRequest = z.infer<typeof ZCreateActivityRequestSchema>
