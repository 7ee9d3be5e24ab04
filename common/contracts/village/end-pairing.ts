import { z } from 'zod'
import { ZClientMutationId, ZDateOnly } from '../fields'

/** Ends a pairing on a day (default today): from that day the org no longer reaches the village. */
export const ZEndPairingRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  endedOn: ZDateOnly.optional(),
})
export type TEndPairingRequest = z.infer<typeof ZEndPairingRequestSchema>
