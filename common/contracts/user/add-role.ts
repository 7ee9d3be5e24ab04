import { z } from 'zod'
import { ZClientMutationId } from '../fields'
import { ZRoleInput } from './user-fields'

export const ZAddRoleRequestSchema = ZRoleInput.extend({
  clientMutationId: ZClientMutationId,
  userId: z.uuid(),
})
export type TAddRoleRequest = z.infer<typeof ZAddRoleRequestSchema>
