import { z } from 'zod'
import { ZClientMutationId } from '../fields'

export const ZRemovePhotoRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid('照片编号格式不正确'),
})
export type TRemovePhotoRequest = z.infer<typeof ZRemovePhotoRequestSchema>
