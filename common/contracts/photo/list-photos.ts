import { z } from 'zod'
import { hasOneTarget, PHOTO_TARGET_MESSAGE, ZPhotoTargetFields } from './photo-fields'

export const ZListPhotosRequestSchema = z
  .strictObject(ZPhotoTargetFields)
  .refine(hasOneTarget, { message: PHOTO_TARGET_MESSAGE })
export type TListPhotosRequest = z.infer<typeof ZListPhotosRequestSchema>
