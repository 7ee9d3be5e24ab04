// Taking photos as evidence, on H5: taken or picked with a file input, scaled (long side ≤ 1600 px)
// and stamped on a canvas (watermark.ts), re-encoded as JPEG, and kept (photo-store.h5.ts) until
// the offline queue uploads them. The mini-program's is capture-photos.ts.
import { type DevicePhoto, keptPhoto, type PhotoSource } from './device-photo-types'
import { keepPhoto } from './photo-store'
import { drawStamp, fitWithin, type StampInfo, stampText } from './watermark'

export type { DevicePhoto, PhotoSource } from './device-photo-types'

/** Only the mini-program needs a canvas in the page; H5 draws on one of its own. */
export const STAMP_CANVAS_ID = 'photo-stamp-canvas'

const pickFiles = (source: PhotoSource, max: number): Promise<File[] | null> =>
  new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,image/webp'
    if (source === 'camera') input.setAttribute('capture', 'environment')
    input.multiple = max > 1
    input.addEventListener('change', () => resolve(Array.from(input.files ?? []).slice(0, max)))
    input.addEventListener('cancel', () => resolve(null))
    input.click()
  })

const decode = (file: Blob) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const image = new Image()
    image.onload = () => {
      URL.revokeObjectURL(url)
      resolve(image)
    }
    image.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('照片无法读取，请换一张（支持 JPEG、PNG、WebP）'))
    }
    image.src = url
  })

const prepare = async (file: File, stamp: StampInfo): Promise<DevicePhoto> => {
  // Browsers apply the EXIF orientation when they decode, so the stamp lands the right way up.
  const image = await decode(file)
  const size = fitWithin(image.naturalWidth, image.naturalHeight)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('浏览器不支持画布，无法加水印')
  ctx.drawImage(image, 0, 0, size.width, size.height)
  drawStamp(ctx, size.width, size.height, stampText(stamp))
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
  if (!blob) throw new Error('照片处理失败，请重试')
  return keptPhoto(await keepPhoto(blob), size, stamp)
}

/** Null when the person cancels; a photo that cannot be prepared rejects (the picker tells why). */
export const capturePhotos = async (
  source: PhotoSource,
  max: number,
  stampFor: () => StampInfo,
): Promise<DevicePhoto[] | null> => {
  const files = await pickFiles(source, max)
  if (!files) return null
  const photos: DevicePhoto[] = []
  for (const file of files) photos.push(await prepare(file, { ...stampFor(), fromAlbum: source === 'album' }))
  return photos
}
