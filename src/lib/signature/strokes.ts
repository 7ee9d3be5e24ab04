// The ink of the signature pad (components/SignaturePad), on a standard canvas 2d context: the
// mini-program's <Canvas type="2d"> and a browser's canvas both give one. Round, dark strokes,
// thick enough to read once printed on the 发放签收表.

/** The part of CanvasRenderingContext2D the pad uses. */
export type InkContext = {
  lineWidth: number
  lineCap: string
  lineJoin: string
  strokeStyle: string | unknown
  beginPath: () => void
  moveTo: (x: number, y: number) => void
  lineTo: (x: number, y: number) => void
  stroke: () => void
  clearRect: (x: number, y: number, w: number, h: number) => void
  scale: (x: number, y: number) => void
  setTransform?: (a: number, b: number, c: number, d: number, e: number, f: number) => void
}

export type Point = { x: number; y: number }

/** Ink width in CSS pixels: bolder in 长辈模式, where the pad is larger too. */
export const inkWidth = (isElder: boolean) => (isElder ? 5 : 4)

/** The canvas's pixels per CSS pixel: sharp on the phone, small enough to send offline (≤ 2). */
export const padScale = (devicePixelRatio: number | undefined) => Math.min(2, Math.max(1, devicePixelRatio ?? 1))

/** Readies a freshly sized canvas: scaled to CSS pixels, cleared, the ink set. */
export const prepareInk = (
  ctx: InkContext,
  size: { width: number; height: number },
  scale: number,
  isElder: boolean,
) => {
  ctx.setTransform?.(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, size.width * scale, size.height * scale)
  ctx.scale(scale, scale)
  ctx.lineWidth = inkWidth(isElder)
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.strokeStyle = '#111111'
}

/** A dot where the stroke starts, so that a tap leaves a mark. */
export const beginStroke = (ctx: InkContext, at: Point) => {
  ctx.beginPath()
  ctx.moveTo(at.x, at.y)
  ctx.lineTo(at.x + 0.1, at.y + 0.1)
  ctx.stroke()
}

export const extendStroke = (ctx: InkContext, from: Point, to: Point) => {
  ctx.beginPath()
  ctx.moveTo(from.x, from.y)
  ctx.lineTo(to.x, to.y)
  ctx.stroke()
}

/** A signature needs some ink: a stray tap (a few points) is not one. */
export const MIN_INK_POINTS = 8

/** The base64 of a PNG data URL, as handover.sign takes it. */
export const base64OfDataUrl = (dataUrl: string): string | null => {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl)
  return match?.[1] ?? null
}
