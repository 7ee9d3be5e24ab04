import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../../../common/fields'
import { refineAttendance, ZActivityFields } from './activity.types'

export const ZUpdateActivityRequestSchema = ZActivityFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
}).superRefine(refineAttendance)
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequestSchema>
