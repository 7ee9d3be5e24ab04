import { z } from 'zod'
import { ZClientMutationId, ZDateOnly } from '../fields'

/** Ends a role (user.endRole) or a 驻村 post (user.endPost) on a day, default today; the row stays as history. */
export const ZEndPeriodRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  endedOn: ZDateOnly.optional(),
})
export type TEndPeriodRequest = z.infer<typeof ZEndPeriodRequestSchema>
