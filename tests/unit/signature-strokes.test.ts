// The signature pad's ink (src/lib/signature/strokes.ts): what is drawn, at what scale, and the
// PNG's base64 as handover.sign takes it.
import { describe, expect, it } from 'vitest'
import {
  base64OfDataUrl,
  beginStroke,
  extendStroke,
  type InkContext,
  padScale,
  prepareInk,
} from '../../src/lib/signature/strokes'

const recordingContext = () => {
  const calls: string[] = []
  const ctx: InkContext = {
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    strokeStyle: '#000',
    beginPath: () => calls.push('begin'),
    moveTo: (x, y) => calls.push(`move ${x},${y}`),
    lineTo: (x, y) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push('stroke'),
    clearRect: (x, y, w, h) => calls.push(`clear ${x},${y},${w},${h}`),
    scale: (x, y) => calls.push(`scale ${x},${y}`),
    setTransform: () => calls.push('reset'),
  }
  return { ctx, calls }
}

describe('the signature pad’s ink', () => {
  it('clears the whole canvas in its own pixels, then draws in CSS pixels with round, dark ink', () => {
    const { ctx, calls } = recordingContext()
    prepareInk(ctx, { width: 300, height: 150 }, 2, false)
    expect(calls).toEqual(['reset', 'clear 0,0,600,300', 'scale 2,2'])
    expect(ctx).toMatchObject({ lineWidth: 4, lineCap: 'round', lineJoin: 'round', strokeStyle: '#111111' })
    prepareInk(ctx, { width: 300, height: 150 }, 1, true)
    expect(ctx.lineWidth).toBe(5)
  })

  it('marks a tap, and joins each move to the last point', () => {
    const { ctx, calls } = recordingContext()
    beginStroke(ctx, { x: 10, y: 20 })
    extendStroke(ctx, { x: 10, y: 20 }, { x: 30, y: 25 })
    expect(calls).toEqual([
      'begin',
      'move 10,20',
      'line 10.1,20.1',
      'stroke',
      'begin',
      'move 10,20',
      'line 30,25',
      'stroke',
    ])
  })

  it('keeps the canvas at most twice the CSS size, so that a queued signature stays small', () => {
    expect([padScale(undefined), padScale(1), padScale(1.5), padScale(3)]).toEqual([1, 1, 1.5, 2])
  })

  it('takes the base64 of a PNG data URL, and nothing else', () => {
    expect(base64OfDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=')
    expect(base64OfDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toBeNull()
    expect(base64OfDataUrl('data:,')).toBeNull()
  })
})
