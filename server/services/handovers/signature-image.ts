// A signature as it is kept (签字留证): the pad's PNG decoded and re-encoded as PNG with no
// metadata at all (no text chunks, no ICC profile, no time), its long side at most 1200 px. The
// same drawing always gives the same bytes, so the SHA-256 of the result names the stored file,
// "signatures/<sha256>" in the photo store (docs/photos.md), apart from the photos' own keys.
import { createHash } from 'node:crypto'
import type { Tx } from '../../db/client'
import { AppError } from '../../errors'
import { loadSharp } from '../../lib/on-demand-libraries'
import { sniffPhotoType } from '../photos/process-photo'

export const SIGNATURE_TYPE = 'image/png'
const SIGNATURE_LONG_SIDE = 1200
/** A pad is at most a few megapixels; anything larger is not a signature. */
const MAX_INPUT_PIXELS = 16_000_000

export const signatureKey = (sha256: string) => `signatures/${sha256}`

/**
 * Held until the transaction ends: a signature of these bytes being kept (handover.sign) and the
 * removal of the last one using them (retention) wait for each other, so that a removal never
 * deletes a file a signature committing at the same moment relies on.
 */
export const lockSignatureHash = async (db: Tx, sha256: string) => {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signature:${sha256}`}, 0))`
}

export type ProcessedSignature = { bytes: Buffer; sha256: string; width: number; height: number }

export const processSignature = async (png: Buffer): Promise<ProcessedSignature> => {
  if (sniffPhotoType(png) !== SIGNATURE_TYPE) throw new AppError('HANDOVER_SIGNATURE_UNREADABLE')
  try {
    const sharp = await loadSharp()
    const input = sharp(png, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
    const { format, width = 0, height = 0 } = await input.metadata()
    if (format !== 'png' || width < 40 || height < 20) throw new AppError('HANDOVER_SIGNATURE_UNREADABLE')
    // sharp writes no metadata unless asked; a transparent pad stays transparent.
    const { data, info } = await input
      .resize({ width: SIGNATURE_LONG_SIDE, height: SIGNATURE_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true })
    return {
      bytes: data,
      sha256: createHash('sha256').update(data).digest('hex'),
      width: info.width,
      height: info.height,
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('HANDOVER_SIGNATURE_UNREADABLE')
  }
}
