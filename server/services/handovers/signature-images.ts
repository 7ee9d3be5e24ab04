// The signatures (签字 or 按手印) that handovers were signed for with, as PNG images for the
// 发放签收表's 签名 column: the one place the sheet reads them from. Each file is checked against
// its hash as signature-bytes.ts checks it: a file that no longer matches is an error, never
// evidence.

import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { PhotoStorage } from '../photos/storage'

const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks)
}

/** What the sheet knows of a signature before reading its file: its content and its size. */
export type SignatureRecord = { id: string; sha256: string; width: number; height: number; storageKey: string }

/**
 * Each handover's signature record, by handover id; a handover signed without an image (confirmed
 * in WeChat, or not yet signed for) is absent. No scope is applied: the caller has found the
 * handovers in its own handoverScope.
 */
export const signatureRecords = async (db: Tx, handoverIds: readonly string[]) => {
  const records = new Map<string, SignatureRecord>()
  if (!handoverIds.length) return records
  const rows = await db.handoverSignature.findMany({
    where: { handoverId: { in: [...handoverIds] } },
    select: { id: true, handoverId: true, sha256: true, width: true, height: true, storageKey: true },
  })
  for (const { handoverId, ...record } of rows) records.set(handoverId, record)
  return records
}

/** A signature's PNG from the photo store, checked against its hash. */
export const readSignaturePng = async (storage: PhotoStorage | undefined, record: SignatureRecord) => {
  if (!storage) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
  const stream = await storage.get(record.storageKey)
  if (!stream) throw new AppError('NOT_FOUND', { message: '签字图片文件缺失，请联系管理员' })
  const png = await readAll(stream)
  if (createHash('sha256').update(png).digest('hex') !== record.sha256)
    throw new Error(`handover signature ${record.id}: stored file does not match its hash`)
  return png
}
