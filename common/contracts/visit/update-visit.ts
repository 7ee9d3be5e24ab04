import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { ZVisitFields } from './visit-fields'

export const ZUpdateVisitRequestSchema = ZVisitFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
})
export type TUpdateVisitRequest = z.infer<typeof ZUpdateVisitRequestSchema>
