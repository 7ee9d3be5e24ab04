// 请受助人签字: a pad the recipient signs on with a finger (or a mouse on H5), on the canvas 2d of
// both targets: the mini-program's <Canvas type="2d"> (touches), a browser's canvas (pointer
// events). 清除 starts again; 确认 hands the drawing to the form as a PNG (base64), for
// handover.sign. Larger, with bolder ink and buttons, in 长辈模式.
import { Button } from '@nutui/nutui-react-taro'
import { Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { useElderMode } from '../../lib/elder-mode'
import {
  base64OfDataUrl,
  beginStroke,
  extendStroke,
  type InkContext,
  MIN_INK_POINTS,
  type Point,
  padScale,
  prepareInk,
} from '../../lib/signature/strokes'
import { toast } from '../../lib/toast'
import './index.scss'

/** What both targets' canvases give: a 2d context and a PNG. */
type PadCanvas = {
  width: number
  height: number
  getContext: (kind: '2d') => unknown
  toDataURL: (type: string) => string
}
type Surface = { canvas: PadCanvas; ctx: InkContext }

type Props = {
  /** The confirmed signature's PNG (base64), or null when cleared. */
  onConfirm: (png: string | null) => void
  /** Shown under the pad once confirmed. */
  isConfirmed?: boolean
  confirmText?: string
  /** The canvas's id, unique in the page (the mini-program finds it by id). */
  canvasId?: string
}

/** The screen's pixel ratio: getWindowInfo, not WeChat's deprecated getSystemInfoSync. */
const systemScale = () => {
  if (process.env.TARO_ENV === 'h5') return padScale(window.devicePixelRatio)
  try {
    return padScale(Taro.getWindowInfo().pixelRatio)
  } catch {
    return 1
  }
}

/** The mini-program's canvas node, sized to its box. */
const findWeappCanvas = (id: string) =>
  new Promise<{ canvas: PadCanvas; width: number; height: number }>((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((found: { node?: PadCanvas; width?: number; height?: number }[]) => {
        const hit = found[0]
        if (hit?.node) resolve({ canvas: hit.node, width: hit.width ?? 300, height: hit.height ?? 150 })
        else reject(new Error('签字板未就绪'))
      })
  })

export const SignaturePad = ({
  onConfirm,
  isConfirmed = false,
  confirmText = '确认签字',
  canvasId = 'signature-pad',
}: Props) => {
  const isElder = useElderMode()
  const surface = useRef<Surface | null>(null)
  const size = useRef({ width: 0, height: 0 })
  const last = useRef<Point | null>(null)
  const htmlCanvas = useRef<HTMLCanvasElement | null>(null)
  const [inkPoints, setInkPoints] = useState(0)

  const ready = (canvas: PadCanvas, width: number, height: number) => {
    const scale = systemScale()
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    const ctx = canvas.getContext('2d') as InkContext
    prepareInk(ctx, { width, height }, scale, isElder)
    size.current = { width, height }
    surface.current = { canvas, ctx }
    setInkPoints(0)
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: sized once, and again when the mode changes the pad's size
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      const canvas = htmlCanvas.current
      if (!canvas) return
      const box = canvas.getBoundingClientRect()
      ready(canvas as unknown as PadCanvas, box.width, box.height)
      return
    }
    Taro.nextTick(() => {
      findWeappCanvas(canvasId)
        .then(({ canvas, width, height }) => ready(canvas, width, height))
        .catch(() => toast('签字板加载失败，请返回后重试'))
    })
  }, [isElder])

  const start = (at: Point) => {
    const s = surface.current
    if (!s) return
    last.current = at
    beginStroke(s.ctx, at)
    setInkPoints((n) => n + 1)
  }
  const move = (at: Point) => {
    const s = surface.current
    if (!s || !last.current) return
    extendStroke(s.ctx, last.current, at)
    last.current = at
    setInkPoints((n) => n + 1)
  }
  const end = () => {
    last.current = null
  }

  const clear = () => {
    const s = surface.current
    if (s) ready(s.canvas, size.current.width, size.current.height)
    onConfirm(null)
  }
  const confirm = () => {
    const s = surface.current
    if (!s || inkPoints < MIN_INK_POINTS) return toast('请受助人在框内签字')
    const png = base64OfDataUrl(s.canvas.toDataURL('image/png'))
    if (!png) return toast('签字保存失败，请清除后重签')
    onConfirm(png)
  }

  const pointOf = (e: { offsetX: number; offsetY: number }): Point => ({ x: e.offsetX, y: e.offsetY })
  type Touch = { x?: number; y?: number }
  const touchOf = (e: { touches?: Touch[] }): Point | null => {
    const t = e.touches?.[0]
    return t && typeof t.x === 'number' && typeof t.y === 'number' ? { x: t.x, y: t.y } : null
  }

  return (
    <View className={`signature-pad${isElder ? ' signature-pad--elder' : ''}`}>
      <View className="signature-pad__frame">
        {process.env.TARO_ENV === 'h5' ? (
          <canvas
            ref={htmlCanvas}
            className="signature-pad__canvas"
            data-testid="signature-canvas"
            aria-label="签字区域"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture?.(e.pointerId)
              start(pointOf(e.nativeEvent))
            }}
            onPointerMove={(e) => {
              if (last.current) move(pointOf(e.nativeEvent))
            }}
            onPointerUp={end}
            onPointerCancel={end}
          />
        ) : (
          <Canvas
            type="2d"
            id={canvasId}
            className="signature-pad__canvas"
            disableScroll
            onTouchStart={(e) => {
              const at = touchOf(e as unknown as { touches?: Touch[] })
              if (at) start(at)
            }}
            onTouchMove={(e) => {
              const at = touchOf(e as unknown as { touches?: Touch[] })
              if (at) move(at)
            }}
            onTouchEnd={end}
            onTouchCancel={end}
          />
        )}
        {inkPoints === 0 ? <Text className="signature-pad__hint">请受助人在此处签字</Text> : null}
      </View>
      <View className="signature-pad__actions">
        <Button className="signature-pad__button" size={isElder ? 'xlarge' : 'large'} fill="outline" onClick={clear}>
          清除
        </Button>
        <Button
          className="signature-pad__button"
          size={isElder ? 'xlarge' : 'large'}
          type="primary"
          onClick={confirm}
          data-testid="signature-confirm"
        >
          {confirmText}
        </Button>
      </View>
      {isConfirmed ? <Text className="signature-pad__done">已签字 ✓</Text> : null}
    </View>
  )
}
