// The photo files in a backup (server/services/backup/photo-files.ts): written as F, B and D lines,
// read back into another store byte for byte, a file gone since the snapshot reported rather than
// failing the backup, and an altered byte refused before anything is stored.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { photoFileReader, writePhotoFiles } from '../../server/services/backup/photo-files'
import { photoKey, thumbnailKey } from '../../server/services/photos/photo-blobs'
import { folderStorage } from '../../server/services/photos/storage'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pdrl-backup-photos-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Replays backup lines into a reader, as restore-backup.ts dispatches them. */
const replay = async (lines: string[], reader: ReturnType<typeof photoFileReader>) => {
  for (const line of lines) {
    const body = line.slice(2)
    if (line.startsWith('F ')) reader.begin(body)
    else if (line.startsWith('B ')) reader.bytes(body)
    else if (line.startsWith('D ')) await reader.end(body)
  }
}

describe('photo files in a backup', () => {
  it('round-trips every file, reports a missing one, and refuses an altered byte', async () => {
    const source = folderStorage(path.join(dir, 'source'))
    // Over one read chunk (64 KiB), so a file spans several B lines.
    const photo = randomBytes(200_000)
    const thumbnail = randomBytes(3_000)
    const hash = sha256(photo)
    await source.put(photoKey(hash), photo)
    await source.put(thumbnailKey(hash), thumbnail)
    const gone = photoKey('0'.repeat(64))

    const lines: string[] = []
    const written = await writePhotoFiles(
      async (line) => {
        lines.push(line)
      },
      source,
      [photoKey(hash), thumbnailKey(hash), gone],
    )
    expect(written).toEqual({ copied: 2, bytes: photo.length + thumbnail.length, missing: [gone] })
    expect(lines.filter((l) => l.startsWith('B ')).length).toBeGreaterThan(2)

    const target = folderStorage(path.join(dir, 'target'))
    const reader = photoFileReader(target)
    await replay(lines, reader)
    expect(reader.counts).toEqual({ inBackup: 2, restored: 2 })
    expect(reader.isInFile()).toBe(false)
    const read = async (key: string) => {
      const chunks: Buffer[] = []
      for await (const chunk of (await target.get(key)) ?? []) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    }
    expect(sha256(await read(photoKey(hash)))).toBe(hash)
    expect((await read(thumbnailKey(hash))).equals(thumbnail)).toBe(true)

    // One bit flipped in the photo's first chunk: still valid base64, no longer the same bytes.
    const flipped = Buffer.from((lines[1] as string).slice(2), 'base64')
    flipped[0] = (flipped[0] as number) ^ 1
    const altered = lines.map((line, i) => (i === 1 ? `B ${flipped.toString('base64')}` : line))
    const elsewhere = folderStorage(path.join(dir, 'elsewhere'))
    await expect(replay(altered, photoFileReader(elsewhere))).rejects.toThrow(/fails its checksum/)
    expect(await elsewhere.has(photoKey(hash))).toBe(false)
  })
})
