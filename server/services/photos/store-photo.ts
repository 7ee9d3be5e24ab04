// Keeps a processed photo for a record, in the caller's transaction: the same bytes for the same
// record give the existing Photo; the file and thumbnail are written once per content hash,
// whatever record they belong to. One audit entry per new photo (docs/photos.md).
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { lockPhotoHash, photoKey, thumbnailKey } from './photo-blobs'
import { assertMayAttach, type PhotoTarget, targetColumn } from './photo-records'
import { auditedPhoto, photoSelect, photoView } from './photo-views'
import type { ProcessedPhoto } from './process-photo'
import type { PhotoStorage } from './storage'

export const storePhoto = async ({
  ctx,
  storage,
  target,
  photo,
  takenAt,
  capturedPlace,
}: {
  /** `db` must be a transaction: the hash lock lasts until it ends. */
  ctx: ServiceContext
  storage: PhotoStorage
  target: PhotoTarget
  photo: ProcessedPhoto
  takenAt?: Date | undefined
  capturedPlace?: string | undefined
}) => {
  await lockPhotoHash(ctx.db, photo.sha256)
  // Checked again inside the transaction: the household's row is read FOR SHARE, so an
  // anonymisation cannot slip in between the check and the write.
  await assertMayAttach(ctx, target)
  const column = targetColumn[target.kind]
  const existing = await ctx.db.photo.findFirst({
    where: { [column]: target.id, sha256: photo.sha256 },
    select: photoSelect,
  })
  if (existing) return { photo: photoView(existing), isNew: false }

  const storageKey = photoKey(photo.sha256)
  const thumbKey = thumbnailKey(photo.sha256)
  if (!(await storage.has(storageKey))) await storage.put(storageKey, photo.bytes)
  if (!(await storage.has(thumbKey))) await storage.put(thumbKey, photo.thumbnail)
  const created = await ctx.db.photo.create({
    data: {
      [column]: target.id,
      sha256: photo.sha256,
      mime: photo.mime,
      width: photo.width,
      height: photo.height,
      bytes: photo.bytes.length,
      storageKey,
      thumbnailKey: thumbKey,
      thumbnailBytes: photo.thumbnail.length,
      uploadedById: ctx.actor.userId,
      takenAt: takenAt ?? null,
      capturedPlace: capturedPlace ?? null,
    },
    select: photoSelect,
  })
  await writeAudit(ctx, {
    action: 'photo.create',
    entityType: 'Photo',
    entityId: created.id,
    after: auditedPhoto(created),
  })
  return { photo: photoView(created), isNew: true }
}
