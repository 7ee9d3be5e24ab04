import { z } from 'zod'
import { ZClientMutationId } from '../../../common/fields'
import { ZVisitFields } from './visit.types'

export const ZUpdateVisitRequestSchema = ZVisitFields.extend({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: z.number().int().min(1),
})
export type TUpdateVisitRequest = z.infer<typeof ZUpdateVisitRequestSchema>
