// Taking photos as evidence, in the mini-program: taken or picked (Taro.chooseMedia), compressed
// (Taro.compressImage, long side ≤ 1600 px), stamped on a canvas 2d (watermark.ts), and kept
// (photo-store.ts) until the offline queue uploads them. H5 has its own file, capture-photos.h5.ts.
import Taro from '@tarojs/taro'
import { type DevicePhoto, keptPhoto, type PhotoSource } from './device-photo-types'
import { keepPhoto } from './photo-store'
import { drawStamp, fitWithin, type StampContext, type StampInfo, stampText } from './watermark'

export type { DevicePhoto, PhotoSource } from './device-photo-types'

/** The page's hidden <Canvas type="2d" id={STAMP_CANVAS_ID}>: WeChat draws only on a canvas in a page. */
export const STAMP_CANVAS_ID = 'photo-stamp-canvas'

type CanvasNode = {
  width: number
  height: number
  getContext: (kind: '2d') => StampContext & {
    drawImage: (image: unknown, x: number, y: number, w: number, h: number) => void
    clearRect: (x: number, y: number, w: number, h: number) => void
  }
  createImage: () => { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null }
}

const stampCanvas = (): Promise<CanvasNode> =>
  new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${STAMP_CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((found: { node?: CanvasNode }[]) => {
        const node = found[0]?.node
        if (node) resolve(node)
        else reject(new Error('无法加水印：页面缺少画布'))
      })
  })

const loadImage = (canvas: CanvasNode, src: string) =>
  new Promise<ReturnType<CanvasNode['createImage']>>((resolve, reject) => {
    const image = canvas.createImage()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('照片无法读取，请换一张'))
    image.src = src
  })

/** Compressed, stamped, and saved where it outlives the app: what the queue uploads later. */
const prepare = async (src: string, stamp: StampInfo): Promise<DevicePhoto> => {
  const original = await Taro.getImageInfo({ src })
  const size = fitWithin(original.width, original.height)
  const longSide =
    original.width >= original.height ? { compressedWidth: size.width } : { compressedHeight: size.height }
  // compressedWidth/Height (base library 2.26) are missing from Taro's types.
  const compressed = await Taro.compressImage({ src, quality: 80, ...longSide } as Taro.compressImage.Option)
  const canvas = await stampCanvas()
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  ctx.clearRect(0, 0, size.width, size.height)
  ctx.drawImage(await loadImage(canvas, compressed.tempFilePath), 0, 0, size.width, size.height)
  drawStamp(ctx, size.width, size.height, stampText(stamp))
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas,
    fileType: 'jpg',
    quality: 0.85,
  } as unknown as Taro.canvasToTempFilePath.Option)
  return keptPhoto(await keepPhoto(tempFilePath), size, stamp)
}

/** Null when the person cancels; a photo that cannot be prepared rejects (the picker tells why). */
export const capturePhotos = async (
  source: PhotoSource,
  max: number,
  stampFor: () => StampInfo,
): Promise<DevicePhoto[] | null> => {
  let picked: string[]
  try {
    const { tempFiles } = await Taro.chooseMedia({
      count: max,
      mediaType: ['image'],
      sourceType: [source],
      sizeType: ['compressed'],
    })
    picked = tempFiles.map((file) => file.tempFilePath)
  } catch {
    return null
  }
  const photos: DevicePhoto[] = []
  for (const src of picked) photos.push(await prepare(src, { ...stampFor(), fromAlbum: source === 'album' }))
  return photos
}
