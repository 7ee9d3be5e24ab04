// The node WeChat gives for a <Canvas type="2d"> (SelectorQuery … fields({ node: true })), for the
// realm harness: its size, getContext('2d'), createImage and toDataURL. The context keeps what the
// app draws that a check reads (the stamp's text, the pad's strokes) and ignores the rest (ECharts
// draws a great deal). Strokes are drawn for real, as WeChat's canvas would: toDataURL answers,
// synchronously as WeChat does, a PNG of the canvas's pixels with the strokes on them.
import { deflateSync } from 'node:zlib'

type Point = [number, number]
type Segment = { from: Point; to: Point; width: number }

/** What the checks read of every canvas's text: fillText's (the photo stamp). */
export type CanvasSinks = { stamped: string[] }

export type CanvasNode = {
  width: number
  height: number
  /** The kinds of context asked for, in order ('2d'). */
  contextKinds: string[]
  /** Every point a path went to (lineTo), in the app's coordinates (CSS px on the pad). */
  inked: Point[]
  getContext: (kind: string) => unknown
  toDataURL: (type?: string) => string
  createImage: () => unknown
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** RGBA pixels (8 bits, no interlace) as a PNG file. */
export const encodePng = (width: number, height: number, rgba: Buffer) => {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Transparent pixels with each segment drawn as a round-capped dark line. */
const rasterise = (width: number, height: number, segments: Segment[]) => {
  const rgba = Buffer.alloc(width * height * 4)
  for (const { from, to, width: lineWidth } of segments) {
    const r = Math.max(0.5, lineWidth / 2)
    const [ax, ay] = from
    const [dx, dy] = [to[0] - ax, to[1] - ay]
    const length2 = dx * dx + dy * dy
    const [x0, x1] = [
      Math.max(0, Math.floor(Math.min(ax, to[0]) - r)),
      Math.min(width - 1, Math.ceil(Math.max(ax, to[0]) + r)),
    ]
    const [y0, y1] = [
      Math.max(0, Math.floor(Math.min(ay, to[1]) - r)),
      Math.min(height - 1, Math.ceil(Math.max(ay, to[1]) + r)),
    ]
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const t = length2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2)) : 0
        const [ex, ey] = [x - (ax + t * dx), y - (ay + t * dy)]
        if (ex * ex + ey * ey <= r * r) rgba.set([0x11, 0x11, 0x11, 0xff], (y * width + x) * 4)
      }
    }
  }
  return rgba
}

/** WeChat's canvas before the page sizes it: 300 × 150, as on the web. */
export const createCanvasNode = (sinks: CanvasSinks): CanvasNode => {
  /** The segments stroked so far, in canvas pixels. */
  let segments: Segment[] = []
  let path: Point[][] = []
  /** The current transform's scale (the pad scales CSS px to the canvas's pixels). */
  let scale: Point = [1, 1]
  const gradient = { addColorStop() {} }
  const toPixels = ([x, y]: Point): Point => [x * scale[0], y * scale[1]]
  const drawn: Record<string | symbol, unknown> = {
    lineWidth: 1,
    font: '',
    fillStyle: '',
    strokeStyle: '',
    textBaseline: '',
    setTransform: (a: number, _b: number, _c: number, d: number) => {
      scale = [a, d]
    },
    scale: (x: number, y: number) => {
      scale = [scale[0] * x, scale[1] * y]
    },
    clearRect: () => {
      segments = []
    },
    beginPath: () => {
      path = []
    },
    moveTo: (x: number, y: number) => void path.push([toPixels([x, y])]),
    lineTo: (x: number, y: number) => {
      node.inked.push([x, y])
      const at = toPixels([x, y])
      const current = path.at(-1)
      if (current) current.push(at)
      else path.push([at])
    },
    stroke: () => {
      const width = (drawn.lineWidth as number) * scale[0]
      for (const points of path) {
        for (let i = 1; i < points.length; i++) {
          segments.push({ from: points[i - 1] as Point, to: points[i] as Point, width })
        }
      }
    },
    fillText: (text: string) => void sinks.stamped.push(text),
    measureText: (text: string) => ({ width: text.length * 12 }),
    createLinearGradient: () => gradient,
    createRadialGradient: () => gradient,
    createPattern: () => ({}),
  }
  // Every other drawing call (paths, transforms, save/restore, images) draws nothing.
  const context = new Proxy(drawn, {
    get: (target, key) => (key in target || typeof key !== 'string' ? target[key] : () => {}),
  })
  const node: CanvasNode = {
    width: 300,
    height: 150,
    contextKinds: [],
    inked: [],
    getContext: (kind: string) => {
      node.contextKinds.push(kind)
      return context
    },
    toDataURL: () => {
      const png = encodePng(node.width, node.height, rasterise(node.width, node.height, segments))
      return `data:image/png;base64,${png.toString('base64')}`
    },
    createImage: () => {
      const image = { onload: null as (() => void) | null, onerror: null, src: '' }
      return new Proxy(image, {
        set: (target, key, value) => {
          Reflect.set(target, key, value)
          if (key === 'src') setTimeout(() => target.onload?.(), 0)
          return true
        },
      })
    },
  }
  return node
}
