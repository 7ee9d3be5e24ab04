import { z } from 'zod'
import { ZClientMutationId } from '../../../common/fields'
import { refineAttendance, ZActivityFields } from './activity.types'

export const ZUpdateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: z.number().int().min(1),
}).superRefine(refineAttendance)
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequestSchema>
