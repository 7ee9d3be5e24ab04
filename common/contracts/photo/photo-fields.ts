import { z } from 'zod'

/** The record a photo belongs to: exactly one of an activity, a visit, a donation or a handover. */
export const ZPhotoTargetFields = {
  activityId: z.uuid('活动编号格式不正确').optional(),
  visitId: z.uuid('走访编号格式不正确').optional(),
  donationId: z.uuid('捐赠编号格式不正确').optional(),
  handoverId: z.uuid('发放编号格式不正确').optional(),
}

export const PHOTO_TARGET_MESSAGE = '请指定照片所属的一条记录：活动、走访、捐赠或发放，只能选一个'

export const hasOneTarget = (target: {
  activityId?: string | undefined
  visitId?: string | undefined
  donationId?: string | undefined
  handoverId?: string | undefined
}) => [target.activityId, target.visitId, target.donationId, target.handoverId].filter(Boolean).length === 1
