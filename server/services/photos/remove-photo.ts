// Removes a photo: its uploader may, and whoever may edit its record. The row goes (hard delete,
// audited); the file and thumbnail go with the last photo that uses their hash.
import { AppError } from '../../errors'
import type { TRemovePhotoRequest } from '../../routers/photo/remove-photo.types'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { lockPhotoHash, photoKey, thumbnailKey } from './photo-blobs'
import { editableRecord, photoScope, targetOfPhoto } from './photo-records'
import { auditedPhoto, photoSelect } from './photo-views'
import type { PhotoStorage } from './storage'

export const removePhoto = async ({
  ctx,
  input,
  storage,
}: {
  ctx: ServiceContext
  input: TRemovePhotoRequest
  /** Unset: the files stay (no store configured in this process). */
  storage?: PhotoStorage | undefined
}) => {
  const photo = await ctx.db.photo.findFirst({
    where: { AND: [{ id: input.id }, photoScope(ctx.actor)] },
    select: photoSelect,
  })
  if (!photo) throw new AppError('NOT_FOUND')
  if (photo.uploadedById !== ctx.actor.userId) {
    try {
      await editableRecord(ctx, targetOfPhoto(photo))
    } catch (error) {
      // They see the record, so "not found" would be untrue: they may just not change it.
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
        throw new AppError('FORBIDDEN', { message: '只有照片上传人或这条记录的负责人可以删除这张照片' })
      throw error
    }
  }
  await lockPhotoHash(ctx.db, photo.sha256)
  const { count } = await ctx.db.photo.deleteMany({ where: { id: photo.id } })
  // Removed by someone else a moment ago: the same answer as any photo that is not there.
  if (count === 0) throw new AppError('NOT_FOUND')
  await writeAudit(ctx, {
    action: 'photo.remove',
    entityType: 'Photo',
    entityId: photo.id,
    before: auditedPhoto(photo),
  })
  const stillUsed = await ctx.db.photo.count({ where: { sha256: photo.sha256 } })
  // Last, so that nothing after it can roll the transaction back (docs/photos.md, "Removal").
  if (!stillUsed && storage) {
    await storage.delete(photoKey(photo.sha256))
    await storage.delete(thumbnailKey(photo.sha256))
  }
  return { id: photo.id, isRemoved: true }
}
