// Blob keys by content hash, and the lock that keeps a blob's last reference and its file
// together: an upload of the same bytes and a removal of the last photo using them are serialised,
// so a removal never deletes a file that a photo committing at the same moment relies on.
import type { Tx } from '../../db/client'
import type { PhotoStorage } from './storage'

export const photoKey = (sha256: string) => `photos/${sha256}`
export const thumbnailKey = (sha256: string) => `thumbs/${sha256}`

/** Held until the transaction ends. */
export const lockPhotoHash = async (db: Tx, sha256: string) => {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`photo:${sha256}`}, 0))`
}

/**
 * Deletes one Photo row under its hash lock (photo.remove, retention). Says whether the row was
 * still there, and whether it was the last to use its hash: only then may its files go, and only
 * as the transaction's last step (deletePhotoFiles), while the lock still holds off an upload of
 * the same bytes. `db` must be a transaction.
 */
export const deletePhotoRow = async (db: Tx, photo: { id: string; sha256: string }) => {
  await lockPhotoHash(db, photo.sha256)
  const { count } = await db.photo.deleteMany({ where: { id: photo.id } })
  const isLastUse = count > 0 && (await db.photo.count({ where: { sha256: photo.sha256 } })) === 0
  return { isDeleted: count > 0, isLastUse }
}

/** A hash's file and thumbnail; no error when they are already gone. */
export const deletePhotoFiles = async (storage: PhotoStorage, sha256: string) => {
  await storage.delete(photoKey(sha256))
  await storage.delete(thumbnailKey(sha256))
}
