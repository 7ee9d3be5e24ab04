// The signatures (签字 or 按手印) that handovers were signed for with, as PNG images for the
// 发放签收表's 签名 column: the one place the sheet reads them from. Each file is checked against
// its hash as signature-bytes.ts checks it: a file that no longer matches is an error, never
// evidence.

import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import type { Prisma } from '../../generated/prisma/client'
import type { PhotoStorage } from '../photos/storage'

export type SignatureImage = { png: Buffer; width: number; height: number }

const readAll = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks)
}

/**
 * Each handover's signature image, by handover id; a handover signed without one (confirmed in
 * WeChat, or not yet signed for) is absent. No scope is applied: the caller has found the
 * handovers in its own handoverScope.
 */
export const signatureImages = async (
  { db, storage }: { db: Tx; storage: PhotoStorage | undefined },
  handoverIds: readonly string[],
): Promise<Map<string, SignatureImage>> => {
  const images = new Map<string, SignatureImage>()
  if (!handoverIds.length) return images
  const rows = await db.handoverSignature.findMany({
    where: { handoverId: { in: [...handoverIds] } },
    select: { id: true, handoverId: true, sha256: true, width: true, height: true, storageKey: true },
  })
  if (rows.length && !storage) throw new AppError('PHOTO_STORAGE_UNAVAILABLE')
  for (const row of rows) {
    const stream = await storage?.get(row.storageKey)
    if (!stream) throw new AppError('NOT_FOUND', { message: '签字图片文件缺失，请联系管理员' })
    const png = await readAll(stream)
    if (createHash('sha256').update(png).digest('hex') !== row.sha256)
      throw new Error(`handover signature ${row.id}: stored file does not match its hash`)
    images.set(row.handoverId, { png, width: row.width, height: row.height })
  }
  return images
}

/** Whether any of these handovers was signed for with an image. */
export const hasSignatureImages = async (db: Tx, handovers: Prisma.HandoverWhereInput) =>
  (await db.handoverSignature.count({ where: { handover: handovers } })) > 0
