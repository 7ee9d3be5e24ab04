import { z } from 'zod'
import { whenMissing } from '../fields'

/** How many of an account's invitations are listed: the latest (a new one revokes the one before). */
export const INVITATIONS_LISTED = 50

/** One account's invitations, newest first, with their states (待使用 / 已使用 / 已过期 / 已撤销). */
export const ZListInvitationsRequestSchema = z.object({ userId: z.uuid(whenMissing('请指明账号', '编号格式不正确')) })
export type TListInvitationsRequest = z.infer<typeof ZListInvitationsRequestSchema>
