import { z } from 'zod'
import { whenMissing, ZClientMutationId } from '../fields'

export const ZRemovePhotoRequestSchema = z.object({
  clientMutationId: ZClientMutationId,
  id: z.uuid(whenMissing('缺少照片编号', '照片编号格式不正确')),
})
export type TRemovePhotoRequest = z.infer<typeof ZRemovePhotoRequestSchema>
