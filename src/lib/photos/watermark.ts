// The stamp on a photo taken as evidence, in the style of the 水印相机 apps that cadres use: the
// time large, then the date and weekday, the village, the activity's theme, who took it, and the
// place when the person has shared it. It is drawn into the pixels (the server strips EXIF, and a
// stamp that can be cropped off a caption is no evidence). Shared by the mini-program and H5:
// both give a standard canvas 2d context.

export type StampInfo = {
  takenAt: Date
  /** 良教乡前跃村; omitted when the form has no village yet. */
  village?: string | undefined
  theme?: string | undefined
  /** Who took it: the signed-in person's name. */
  author?: string | undefined
  /** Shared by the person (WeChat's privacy flow): coordinates, and a place name if known. */
  location?: { latitude: number; longitude: number; name?: string | undefined } | undefined
  /** Picked from the album: the time stamped is when it was added, and the stamp says so. */
  fromAlbum?: boolean | undefined
}

export type StampText = { time: string; date: string; lines: string[] }

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const SHANGHAI_OFFSET_MS = 8 * 3600_000

const two = (n: number) => String(n).padStart(2, '0')

/** Coordinates as the 水印相机 apps print them: 36.9301°N 101.6821°E. */
export const formatCoordinates = ({ latitude, longitude }: { latitude: number; longitude: number }) =>
  `${Math.abs(latitude).toFixed(4)}°${latitude >= 0 ? 'N' : 'S'} ${Math.abs(longitude).toFixed(4)}°${longitude >= 0 ? 'E' : 'W'}`

/** What the server keeps as 拍摄地点: the place name and the coordinates, in words. */
export const capturedPlaceOf = (info: StampInfo): string | undefined => {
  if (!info.location) return info.village
  const name = info.location.name ?? info.village
  return [name, formatCoordinates(info.location)].filter(Boolean).join(' ')
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** The stamp's words, in Beijing time whatever the phone's zone. */
export const stampText = (info: StampInfo): StampText => {
  const local = new Date(info.takenAt.getTime() + SHANGHAI_OFFSET_MS)
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`
  const date = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} 星期${WEEKDAYS[local.getUTCDay()]}${info.fromAlbum ? '（相册照片，添加时间）' : ''}`
  const lines = [
    info.village ? `地点：${clip(info.location?.name ?? info.village, 24)}` : null,
    info.location ? `坐标：${formatCoordinates(info.location)}` : null,
    info.theme ? `主题：${clip(info.theme, 24)}` : null,
    info.author ? `拍摄：${clip(info.author, 12)}` : null,
  ].filter((line): line is string => line !== null)
  return { time, date, lines }
}

/** The part of CanvasRenderingContext2D the stamp uses (WeChat's canvas 2d has it too). */
export type StampContext = {
  font: string
  fillStyle: string | unknown
  textBaseline: string
  fillRect: (x: number, y: number, w: number, h: number) => void
  fillText: (text: string, x: number, y: number) => void
}

/** Draws the stamp in the lower left, sized to the picture (readable on a phone screen and in print). */
export const drawStamp = (ctx: StampContext, width: number, height: number, text: StampText) => {
  const unit = Math.max(12, Math.round(Math.min(width, height) / 40))
  const big = Math.round(unit * 2.2)
  const pad = Math.round(unit * 0.8)
  const lineHeight = Math.round(unit * 1.4)
  const boxHeight = pad + big + lineHeight * (1 + text.lines.length) + pad
  const top = height - boxHeight
  const font = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
  ctx.textBaseline = 'top'
  // A dark band keeps white text legible on snow and on sky.
  ctx.fillStyle = 'rgba(0, 0, 0, 0.38)'
  ctx.fillRect(0, top, width, boxHeight)
  // The red bar of the 党建 watermark style.
  ctx.fillStyle = '#c8161d'
  ctx.fillRect(pad, top + pad, Math.max(4, Math.round(unit / 4)), big)
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold ${big}px ${font}`
  ctx.fillText(text.time, pad + unit, top + pad)
  ctx.font = `${unit}px ${font}`
  let y = top + pad + big + Math.round(unit * 0.4)
  for (const line of [text.date, ...text.lines]) {
    ctx.fillText(line, pad, y)
    y += lineHeight
  }
}

/** The size to draw at: the long side at most `maxSide` (1600 px: enough to read a face or a label). */
export const fitWithin = (width: number, height: number, maxSide = 1600) => {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
