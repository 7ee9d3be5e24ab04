// The photos of an anonymised household: those of its visits, of donations to it and of handovers
// to it show faces and homes, personal data as much as a name, so they go when the names go (docs/photos.md,
// "Retention"). Photos of activities stay: they are the party's record, not the household's.
// Each row goes as photo.remove deletes one (photo-blobs.ts): under its hash's lock, the files
// only with the last row of their hash, and only as the transaction's last step.
import type { Tx } from '../../db/client'
import type { Prisma } from '../../generated/prisma/client'
import { deletePhotoFiles, deletePhotoRow, lockPhotoHash } from '../photos/photo-blobs'
import { auditedPhoto, photoSelect } from '../photos/photo-views'
import type { PhotoStorage } from '../photos/storage'

/** Photos of the households' visits, and of donations and handovers to them. */
export const householdPhotosWhere = (householdIds: string[]): Prisma.PhotoWhereInput => ({
  OR: [
    { visit: { householdId: { in: householdIds } } },
    { donation: { householdId: { in: householdIds } } },
    { handover: { householdId: { in: householdIds } } },
  ],
})

/**
 * Takes the hash locks of the household's photos, in hash order, before its row is locked: an
 * upload takes its hash's lock first and the household's row second (store-photo.ts), so taking
 * them the other way round could deadlock with an upload of the same bytes to this household.
 */
export const lockHouseholdPhotoHashes = async (tx: Tx, householdId: string) => {
  const hashes = await tx.photo.findMany({
    where: householdPhotosWhere([householdId]),
    select: { sha256: true },
    distinct: ['sha256'],
    orderBy: { sha256: 'asc' },
  })
  for (const { sha256 } of hashes) await lockPhotoHash(tx, sha256)
}

/**
 * Deletes the household's photos' rows, each audited as retention audits (no actor). Returns how
 * many went, and the hashes no photo uses any more, whose files removeUnusedFiles deletes last.
 */
export const deleteHouseholdPhotos = async (tx: Tx, householdId: string) => {
  const photos = await tx.photo.findMany({
    where: householdPhotosWhere([householdId]),
    select: photoSelect,
    orderBy: { id: 'asc' },
  })
  const unusedHashes: string[] = []
  let removed = 0
  for (const photo of photos) {
    const { isDeleted, isLastUse } = await deletePhotoRow(tx, photo)
    if (!isDeleted) continue
    removed += 1
    if (isLastUse) unusedHashes.push(photo.sha256)
    await tx.auditLog.create({
      data: {
        actorId: null,
        action: 'retention.photo.remove',
        entityType: 'Photo',
        entityId: photo.id,
        before: auditedPhoto(photo),
      },
    })
  }
  return { removed, unusedHashes }
}

/**
 * The files of hashes no photo uses any more. Called as the transaction's last step, with the
 * hash locks still held; unset storage: the files stay (as photo.remove without a store).
 */
export const removeUnusedFiles = async (storage: PhotoStorage | undefined, hashes: string[]) => {
  if (!storage) return
  for (const sha256 of hashes) await deletePhotoFiles(storage, sha256)
}
