import { z } from 'zod'
import { hasOneTarget, PHOTO_TARGET_MESSAGE, ZPhotoTargetFields } from './photo-fields'

/**
 * The query string of POST /uploads/photo: the record the photo belongs to, and what the uploader
 * says of it (the file's own EXIF, GPS included, is removed). Unknown parameters are refused.
 */
export const ZUploadPhotoRequestSchema = z
  .strictObject(
    {
      ...ZPhotoTargetFields,
      /** 拍摄时间, ISO 8601 with an offset (2025-01-23T10:30:00+08:00). */
      takenAt: z.iso.datetime({ offset: true, error: '拍摄时间格式不正确' }).optional(),
      /** 拍摄地点, in words. */
      capturedPlace: z
        .string()
        .trim()
        .max(100, '拍摄地点不能超过 100 个字')
        .transform((v) => v || undefined)
        .optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的参数：${issue.keys.join('、')}` : undefined) },
  )
  .refine(hasOneTarget, { message: PHOTO_TARGET_MESSAGE })
export type TUploadPhotoRequest = z.infer<typeof ZUploadPhotoRequestSchema>
