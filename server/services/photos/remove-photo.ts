// Removes a photo: its uploader may, and whoever may edit its record. The row goes (hard delete,
// audited); the file and thumbnail go with the last photo that uses their hash.

import type { TRemovePhotoRequest } from '../../../common/contracts/photo/remove-photo'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { deletePhotoFiles, deletePhotoRow } from './photo-blobs'
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
  const { isDeleted, isLastUse } = await deletePhotoRow(ctx.db, photo)
  // Removed by someone else a moment ago: the same answer as any photo that is not there.
  if (!isDeleted) throw new AppError('NOT_FOUND')
  await writeAudit(ctx, {
    action: 'photo.remove',
    entityType: 'Photo',
    entityId: photo.id,
    before: auditedPhoto(photo),
  })
  // Last, so that nothing after it can roll the transaction back (docs/photos.md, "Removal").
  if (isLastUse && storage) await deletePhotoFiles(storage, photo.sha256)
  return { id: photo.id, isRemoved: true }
}
