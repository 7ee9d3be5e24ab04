// Blob keys by content hash, and the lock that keeps a blob's last reference and its file
// together: an upload of the same bytes and a removal of the last photo using them are serialised,
// so a removal never deletes a file that a photo committing at the same moment relies on.
import type { Tx } from '../../db/client'

export const photoKey = (sha256: string) => `photos/${sha256}`
export const thumbnailKey = (sha256: string) => `thumbs/${sha256}`

/** Held until the transaction ends. */
export const lockPhotoHash = async (db: Tx, sha256: string) => {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`photo:${sha256}`}, 0))`
}
