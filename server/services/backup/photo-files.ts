// The photo files in a backup (docs/photos.md, "Backups"). When photos are kept in DATA_DIR/photos,
// the backup file carries every file that a Photo row of its snapshot names (and every handover
// signature's, kept in the same store), after the tables, so
// one file (and its key) is the whole backup. Copied after the snapshot is read: a photo
// committed later is not in the snapshot, so its file need not be; a photo removed since the
// snapshot may have taken its file with it, and is reported as missing rather than failing the
// backup. Keys are content hashes, so a restore may put a file that is already there.
//
// In the backup file, after the tables and before the end marker:
//   F {"key"}                    a file begins ("photos/<sha256>", "thumbs/<sha256>", "signatures/<sha256>")
//   B <base64>                   its bytes, one read chunk a line
//   D {"key","bytes","sha256"}   it ends, with its size and SHA-256, checked on restore
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { PhotoStorage } from '../photos/storage'

/**
 * Every stored file a Photo row names, photo and thumbnail, and every handover signature's, in the
 * snapshot `client` reads.
 */
export const photoFileKeys = async (client: pg.Client): Promise<string[]> => {
  const { rows } = await client.query<{ key: string }>(
    `SELECT "storageKey" AS key FROM public."Photo" UNION SELECT "thumbnailKey" FROM public."Photo"
     UNION SELECT "storageKey" FROM public."HandoverSignature" ORDER BY 1`,
  )
  return rows.map((r) => r.key)
}

export type PhotoFilesWritten = { copied: number; bytes: number; missing: string[] }

/** Writes each file as F, B… and D lines through `write`. */
export const writePhotoFiles = async (
  write: (line: string) => Promise<void>,
  storage: PhotoStorage,
  keys: string[],
): Promise<PhotoFilesWritten> => {
  const written: PhotoFilesWritten = { copied: 0, bytes: 0, missing: [] }
  for (const key of keys) {
    const stream = await storage.get(key)
    if (!stream) {
      written.missing.push(key)
      continue
    }
    await write(`F ${JSON.stringify({ key })}`)
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of stream) {
      const buffer = chunk as Buffer
      hash.update(buffer)
      bytes += buffer.length
      await write(`B ${buffer.toString('base64')}`)
    }
    await write(`D ${JSON.stringify({ key, bytes, sha256: hash.digest('hex') })}`)
    written.copied += 1
    written.bytes += bytes
  }
  return written
}

const damaged = (what: string) => new Error(`the backup is damaged: ${what}`)

/**
 * Reads F, B and D lines back: each file is checked against its size and SHA-256 before it is put
 * into `storage`, so no half or altered file is ever stored. Unset storage: checked, not stored.
 */
export const photoFileReader = (storage: PhotoStorage | undefined) => {
  let current: { key: string; hash: ReturnType<typeof createHash>; chunks: Buffer[]; bytes: number } | null = null
  const counts = { inBackup: 0, restored: 0 }
  return {
    counts,
    isInFile: () => current !== null,
    begin: (body: string) => {
      if (current) throw damaged(`photo file ${current.key} has no end`)
      const { key } = JSON.parse(body) as { key: string }
      current = { key, hash: createHash('sha256'), chunks: [], bytes: 0 }
    },
    bytes: (body: string) => {
      if (!current) throw damaged('photo bytes outside a file')
      const chunk = Buffer.from(body, 'base64')
      current.hash.update(chunk)
      current.bytes += chunk.length
      if (storage) current.chunks.push(chunk)
    },
    end: async (body: string) => {
      const { key, bytes, sha256 } = JSON.parse(body) as { key: string; bytes: number; sha256: string }
      const file = current
      current = null
      if (file?.key !== key) throw damaged(`photo file ${key} ends without beginning`)
      if (file.bytes !== bytes || file.hash.digest('hex') !== sha256)
        throw damaged(`photo file ${key} fails its checksum`)
      counts.inBackup += 1
      if (!storage) return
      await storage.put(key, Buffer.concat(file.chunks))
      counts.restored += 1
    },
  }
}
