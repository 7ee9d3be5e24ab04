// A handover's signature as stored, for what is printed and exported (the 发放签收表 in Excel,
// the printable A4 page) and for the download route:
//
//   loadSignaturePng({ db, storage, handoverId }) → { sha256, width, height, signerName,
//     signedAt, png } | null
//
// `png` is the PNG exactly as kept (image/png, no metadata; its SHA-256 is `sha256`, checked here:
// a file that no longer matches its hash is an error, never shown as evidence). null: the handover
// has no signature. It applies no scope: the caller has already found the handover in the
// caller's own scope (handoverScope), as an export does for every row it writes. Throws
// PHOTO_STORAGE_UNAVAILABLE without a store, and NOT_FOUND when the row's file is missing.
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { PhotoStorage } from '../photos/storage'

export const signatureSelect = {
  id: true,
  sha256: true,
  width: true,
  height: true,
  bytes: true,
  signerName: true,
  signedAt: true,
  storageKey: true,
} as const

const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks)
}

export const loadSignaturePng = async ({
  db,
  storage,
  handoverId,
}: {
  db: Tx
  storage: PhotoStorage | undefined
  handoverId: string
}) => {
  const signature = await db.handoverSignature.findUnique({ where: { handoverId }, select: signatureSelect })
  if (!signature) return null
  if (!storage) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
  const stream = await storage.get(signature.storageKey)
  if (!stream) throw new AppError('NOT_FOUND', { message: '签字图片文件缺失，请联系管理员' })
  const png = await readAll(stream)
  if (createHash('sha256').update(png).digest('hex') !== signature.sha256) {
    throw new Error(`handover signature ${signature.id}: stored file does not match its hash`)
  }
  const { storageKey: _key, ...described } = signature
  return { ...described, png }
}
