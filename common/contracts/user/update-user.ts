import { z } from 'zod'
import { ZClientMutationId, ZVersion } from '../fields'
import { ZDisplayName, ZMobilePhone } from './user-fields'

/** Corrects an account's name or sign-in phone; roles and posts change with their own procedures. */
export const ZUpdateUserRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(),
  version: ZVersion,
  displayName: ZDisplayName,
  phone: ZMobilePhone,
})
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequestSchema>
