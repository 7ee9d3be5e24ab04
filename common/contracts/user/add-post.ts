import { z } from 'zod'
import { ZClientMutationId } from '../fields'
import { ZPostInput } from './user-fields'

export const ZAddPostRequestSchema = ZPostInput.and(z.object({ clientMutationId: ZClientMutationId, userId: z.uuid() }))
export type TAddPostRequest = z.infer<typeof ZAddPostRequestSchema>
