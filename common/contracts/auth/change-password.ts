import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'

/** 8 to 128 characters, with both letters and digits. */
export const ZNewPassword = z
  .string(whenMissing('请输入新密码'))
  .min(8, '新密码至少 8 位')
  .max(128, '新密码不能超过 128 位')
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '新密码需同时包含字母和数字')

export const ZChangePasswordRequestSchema = z
  .object({
    clientMutationId: ZClientMutationId,
    currentPassword: z.string(whenMissing('请输入当前密码')).min(1, '请输入当前密码').max(200, '密码过长'),
    newPassword: ZNewPassword,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: '新密码不能与当前密码相同' })
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequestSchema>
