import { z } from 'zod'
import { ZClientMutationId } from '../fields'
import { ZDisplayName, ZMobilePhone, ZPostInput, ZRoleInput } from './user-fields'

/**
 * A staff account: name, the phone it signs in with, its roles (with 职务) and its 驻村 posts. It
 * gets a one-time password, shown once, to be changed at the first sign-in.
 */
export const ZCreateUserRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid().optional(),
  displayName: ZDisplayName,
  phone: ZMobilePhone,
  roles: z.array(ZRoleInput).min(1, '请至少添加一个角色').max(20, '角色最多 20 个'),
  posts: z.array(ZPostInput).max(10, '驻村岗位最多 10 个').default([]),
})
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequestSchema>
