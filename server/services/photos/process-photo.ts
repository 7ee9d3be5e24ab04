// An uploaded photo made fit to keep (docs/photos.md): its type read from its first bytes (never
// its name or the client's header), turned upright by its EXIF orientation, then re-encoded with
// no metadata at all (EXIF with GPS, XMP, IPTC, ICC: colours are converted to sRGB first), its
// long side at most 1600 px, and a 320 px WebP thumbnail. The same upload always gives the same
// bytes, so the SHA-256 of the result is what dedupes.
import { createHash } from 'node:crypto'
import { AppError } from '../../errors'
import { loadSharp } from '../../lib/on-demand-libraries'

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

export const PHOTO_LONG_SIDE = 1600
export const THUMBNAIL_LONG_SIDE = 320
export const THUMBNAIL_TYPE = 'image/webp'
const JPEG_QUALITY = 85
const WEBP_QUALITY = 85
const THUMBNAIL_QUALITY = 70
/** About 100 megapixels: bigger than any phone's photo, small enough to refuse a decompression bomb. */
const MAX_INPUT_PIXELS = 100_000_000

/** JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; WebP "RIFF" <size> "WEBP". */
export const sniffPhotoType = (bytes: Uint8Array): PhotoType | null => {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1')
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png'
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

const SHARP_FORMAT: Record<PhotoType, 'jpeg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
}

export type ProcessedPhoto = {
  mime: PhotoType
  bytes: Buffer
  sha256: string
  width: number
  height: number
  thumbnail: Buffer
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

export const processPhoto = async (upload: Buffer): Promise<ProcessedPhoto> => {
  const mime = sniffPhotoType(upload)
  if (!mime) throw new AppError('PHOTO_TYPE')
  const format = SHARP_FORMAT[mime]
  try {
    // failOn 'error': a truncated or corrupt file is refused rather than stored half grey.
    const sharp = await loadSharp()
    const input = sharp(upload, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
    const { format: decoded } = await input.metadata()
    // The magic bytes said one thing; the decoder must agree.
    if (decoded !== format) throw new AppError('PHOTO_TYPE')
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked
    // (no keepMetadata/withMetadata here), and converts to sRGB without embedding a profile.
    const pipeline = input
      .rotate()
      .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    const encoded =
      format === 'jpeg'
        ? pipeline.jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
        : format === 'png'
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: WEBP_QUALITY })
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    const thumbnail = await sharp(data)
      .resize({ width: THUMBNAIL_LONG_SIDE, height: THUMBNAIL_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMBNAIL_QUALITY })
      .toBuffer()
    return { mime, bytes: data, sha256: sha256Of(data), width: info.width, height: info.height, thumbnail }
  } catch (error) {
    if (error instanceof AppError) throw error
    // libvips' words mean nothing to the user: they are told the file cannot be read.
    throw new AppError('PHOTO_UNREADABLE')
  }
}
